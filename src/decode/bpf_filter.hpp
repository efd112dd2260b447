// Classic BPF programs (struct sock_fprog) as strace prints them (strace's bpf_filter.c):
// {len=2, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x800, 0,
// 0x1)]} with -v, the filter's address without. Internal to src/decode; implemented in
// kinds_bpf.cpp.
#pragma once

#include <cstdint>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// Prints an instruction's k its own way (true) or leaves it to the caller's %#x (false).
using BpfPrintK = bool (*)(OutBuf& out, std::uint16_t code, std::uint32_t k);

// The instructions: count of them at addr (the address without -v).
void print_bpf_fprog(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, BpfPrintK print_k);
// The struct sock_fprog at addr: "{len=N, filter=...}", the address when unreadable.
void decode_bpf_fprog(DecodeCtx& ctx, std::uint64_t addr, BpfPrintK print_k);
// A socket filter's k: SKF_AD_OFF+SKF_AD_PROTOCOL, SKF_NET_OFF+9, SKF_LL_OFF+2.
bool print_sock_filter_k(OutBuf& out, std::uint16_t code, std::uint32_t k);

}  // namespace scry::dec
