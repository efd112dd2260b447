// Pieces of socket structures as strace prints them, each in the three -X styles: addresses
// (inet_addr("127.0.0.1")), ports (htons(80)), link-layer addresses (00:11:22:33:44:55).
// Internal to src/decode; implemented in kinds_net.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// strace's print_inet_addr: an AF_INET or AF_INET6 address of len bytes (4 or 16) as
// "NAME=inet_addr(\"1.2.3.4\")" / "inet_pton(AF_INET6, \"::1\", &NAME)", the bytes in hex under
// -X raw, both under -X verbose. var_name may be null (no "NAME=").
void print_inet_addr(OutBuf& out, int af, const void* addr, std::size_t len, const char* var_name,
                     XMode xm);
// "NAME=htons(80)" from a port in network order (strace's PRINT_FIELD_NET_PORT).
void print_net_port(OutBuf& out, const char* name, std::uint16_t netport);
// "htons(NAME)" for a 16-bit value in network order named by set (socket()'s AF_PACKET protocol).
void print_htons_xval(OutBuf& out, const FlagSet* set, std::uint16_t netval, const char* dflt);
// The fields after sa_family of the rarer families (kinds_sockaddr.cpp); false when the family
// is not one of them or addrlen is short of its structure (the caller prints sa_data). buf holds
// addrlen bytes and is zero-padded to at least sizeof(sockaddr_storage) + 1.
bool print_sockaddr_family(DecodeCtx& ctx, unsigned family, const unsigned char* buf, int addrlen);
// A struct sockaddr of len bytes held by the caller (inside another structure): as
// print_sockaddr_data prints it, from a copy it may read one byte past.
void print_sockaddr_bytes(DecodeCtx& ctx, const void* p, std::size_t len);
// strace's print_mac_addr: "01:00:5e:00:00:01" (the bytes in hex under -X raw, both under
// verbose); more than 32 bytes print as hex only. Like strace, a zero-size address shows the
// last address formatted (strace keeps its text in a static buffer it does not clear).
void print_mac_addr(OutBuf& out, const unsigned char* addr, std::size_t size);
// strace's print_hwaddr: the same, the text cut to the size the ARPHRD_* type devtype uses.
void print_hwaddr(OutBuf& out, const unsigned char* addr, std::size_t size, unsigned devtype);
// The text of a link-layer address ("00:11:22"), remembered for the zero-size case above.
std::string_view sprint_mac_addr(const unsigned char* addr, std::size_t size);

}  // namespace scry::dec
