// add_key, request_key and keyctl. Expected strings are strace 6.1 output (the addresses are the
// fake memory's).
#include <linux/keyctl.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeKeys, AddKeyAndRequestKey) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "user");
  mem.map_cstr(0x2000, "scrykey");
  mem.map(0x3000, std::string_view("da\0ta\1", 6));
  EXPECT_EQ(line_of(mem, "add_key", {0x1000, 0x2000, 0x3000, 6, kNeg(-3)}, 441494166),
            "add_key(\"user\", \"scrykey\", \"da\\0ta\\1\", 6, KEY_SPEC_SESSION_KEYRING) = "
            "441494166");
  // The serial is the low 32 bits, signed; unknown ones print in decimal.
  EXPECT_EQ(line_of(mem, "add_key", {0x1000, 0x2000, 0x3000, 1, 0xfffffffe00000001}, -14, true),
            "add_key(\"user\", \"scrykey\", \"d\", 1, 1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "add_key", {0, 1, 2, 5, kNeg(-100)}, -22, true),
            "add_key(NULL, 0x1, 0x2, 5, -100) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "add_key", {0x1000, 0x2000, 0x3000, 0, kNeg(-2)}, 5, false,
                    with_xlat(XlatStyle::Raw)),
            "add_key(\"user\", \"scrykey\", \"\", 0, -2) = 5");
  EXPECT_EQ(line_of(mem, "request_key", {0x1000, 0x2000, 0, kNeg(-2)}, 7, false,
                    with_xlat(XlatStyle::Verbose)),
            "request_key(\"user\", \"scrykey\", NULL, -2 /* KEY_SPEC_PROCESS_KEYRING */) = 7");
  EXPECT_EQ(line_of(mem, "request_key", {0x1000, 0x2000, 0x2000, 0}, -2, true),
            "request_key(\"user\", \"scrykey\", \"scrykey\", 0) = -1 ENOENT (No such file or "
            "directory)");
}

TEST(DecodeKeys, KeyctlSimpleCommands) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "user");
  mem.map_cstr(0x2000, "scrykey");
  std::string data("newdata\0payload\0ab\0cde\0sha256\0oi", 32);
  data.resize(40, '\0');  // the literal alone is shorter than 40 bytes
  mem.map(0x3000, data);
  auto kc = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                DecodeOptions opt = {}) { return line_of(mem, "keyctl", args, ret, err, opt); };
  EXPECT_EQ(kc({0, kNeg(-3), 0, 0, 0}, 390607154),
            "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) = 390607154");
  EXPECT_EQ(kc({0, 0xfffffffffffffffc, 0x100000001, 7, 8}, 5),
            "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 1) = 5");
  EXPECT_EQ(kc({0, 5, kNeg(-5), 0, 0}, 7), "keyctl(KEYCTL_GET_KEYRING_ID, 5, -5) = 7");
  EXPECT_EQ(kc({1, 0, 1, 2, 3}, 9), "keyctl(KEYCTL_JOIN_SESSION_KEYRING, NULL) = 9");
  EXPECT_EQ(kc({1, 1, 0, 0, 0}, 9), "keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0x1) = 9");
  EXPECT_EQ(kc({2, 498798675, 0x3000, 7, 9}, 0),
            "keyctl(KEYCTL_UPDATE, 498798675, \"newdata\", 7) = 0");
  // A huge length: the payload is read up to -s, the length printed unsigned.
  EXPECT_EQ(kc({2, 498798675, 0x3000, kNeg(-1), 9}, -22, true),
            "keyctl(KEYCTL_UPDATE, 498798675, \"newdata\\0payload\\0ab\\0cde\\0sha256\\0oi\"..., "
            "18446744073709551615) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(kc({3, 498798675, 1, 2, 3}, -13, true),
            "keyctl(KEYCTL_REVOKE, 498798675) = -1 EACCES (Permission denied)");
  EXPECT_EQ(kc({7, kNeg(-1), 1, 2, 3}, 0), "keyctl(KEYCTL_CLEAR, KEY_SPEC_THREAD_KEYRING) = 0");
  EXPECT_EQ(kc({4, 498798675, kNeg(-1), 0xffffffff, 9}, 0),
            "keyctl(KEYCTL_CHOWN, 498798675, -1, -1) = 0");
  EXPECT_EQ(kc({8, 498798675, kNeg(-3), 1, 2}, -13, true),
            "keyctl(KEYCTL_LINK, 498798675, KEY_SPEC_SESSION_KEYRING) = -1 EACCES (Permission "
            "denied)");
  EXPECT_EQ(kc({10, kNeg(-2), 0x1000, 0x2000, kNeg(-3)}, -13, true),
            "keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, \"user\", \"scrykey\", "
            "KEY_SPEC_SESSION_KEYRING) = -1 EACCES (Permission denied)");
  EXPECT_EQ(kc({10, kNeg(-2), 0, 1, 3}, -14, true),
            "keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, NULL, 0x1, 3) = -1 EFAULT (Bad "
            "address)");
  EXPECT_EQ(kc({12, 498798675, 0x3008, 7, kNeg(-3)}, -1, true),
            "keyctl(KEYCTL_INSTANTIATE, 498798675, \"payload\", 7, KEY_SPEC_SESSION_KEYRING) = -1 "
            "EPERM (Operation not permitted)");
  EXPECT_EQ(kc({13, 123456, kNeg(-1), 0, 0}, 7),
            "keyctl(KEYCTL_NEGATE, 123456, 4294967295, 0) = 7");
  EXPECT_EQ(kc({15, 123456, 0x100000001, 0, 0}, 7), "keyctl(KEYCTL_SET_TIMEOUT, 123456, 1) = 7");
  EXPECT_EQ(kc({18, 1, 2, 3, 4}, 0), "keyctl(KEYCTL_SESSION_TO_PARENT) = 0");
  EXPECT_EQ(kc({22, kNeg(-2), kNeg(-3), 0, 0}, 7),
            "keyctl(KEYCTL_GET_PERSISTENT, 4294967294, KEY_SPEC_SESSION_KEYRING) = 7");
  EXPECT_EQ(kc({29, kNeg(-3), 0, 0, 3}, -17, true),
            "keyctl(KEYCTL_RESTRICT_KEYRING, KEY_SPEC_SESSION_KEYRING, NULL, NULL) = -1 EEXIST "
            "(File exists)");
  EXPECT_EQ(kc({30, 123456, 1, 2, 7}, 7),
            "keyctl(KEYCTL_MOVE, 123456, 1, 2, KEYCTL_MOVE_EXCL|0x6) = 7");
  EXPECT_EQ(kc({30, 123456, 1, 2, 6}, 7),
            "keyctl(KEYCTL_MOVE, 123456, 1, 2, 0x6 /* KEYCTL_MOVE_??? */) = 7");
  EXPECT_EQ(kc({32, 123456, 3, 4, 0}, 7), "keyctl(KEYCTL_WATCH_KEY, 0x1e240, 0x3, 0x4, 0) = 7");
  EXPECT_EQ(kc({999, 1, 2, 3, 4}, -95, true),
            "keyctl(0x3e7 /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation not "
            "supported)");
  EXPECT_EQ(kc({0xffffffff, 1, 2, 3, 4}, -95, true),
            "keyctl(0xffffffff /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation "
            "not supported)");
}

TEST(DecodeKeys, KeyctlNamedArguments) {
  FakeMemory mem;
  auto kc = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret,
                DecodeOptions opt = {}) { return line_of(mem, "keyctl", args, ret, false, opt); };
  EXPECT_EQ(kc({5, 498798675, 0x3f010000 | 0x40, 1, 2}, 0),
            "keyctl(KEYCTL_SETPERM, 498798675, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|"
            "KEY_POS_SEARCH|KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW|0x40) = 0");
  EXPECT_EQ(kc({5, 123456, 0x101, 0, 0}, 7),
            "keyctl(KEYCTL_SETPERM, 123456, KEY_GRP_VIEW|KEY_OTH_VIEW) = 7");
  EXPECT_EQ(kc({5, 123456, 0, 0, 0}, 7), "keyctl(KEYCTL_SETPERM, 123456, 0) = 7");
  EXPECT_EQ(kc({5, 123456, 0x101, 0, 0}, 7, with_xlat(XlatStyle::Verbose)),
            "keyctl(0x5 /* KEYCTL_SETPERM */, 123456, 0x101 /* KEY_GRP_VIEW|KEY_OTH_VIEW */) = 7");
  EXPECT_EQ(kc({14, kNeg(-1), 0, 0, 0}, 7),
            "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE) = 7");
  EXPECT_EQ(kc({14, 0x100000007, 0, 0, 0}, 7),
            "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_REQUESTOR_KEYRING) = 7");
  EXPECT_EQ(kc({14, 99, 0, 0, 0}, 7),
            "keyctl(KEYCTL_SET_REQKEY_KEYRING, 99 /* KEY_REQKEY_DEFL_??? */) = 7");
  EXPECT_EQ(kc({14, kNeg(-1), 0, 0, 0}, 7, with_xlat(XlatStyle::Verbose)),
            "keyctl(0xe /* KEYCTL_SET_REQKEY_KEYRING */, -1 /* KEY_REQKEY_DEFL_NO_CHANGE */) = 7");
  EXPECT_EQ(kc({14, kNeg(-1), 0, 0, 0}, 7, with_xlat(XlatStyle::Raw)), "keyctl(0xe, -1) = 7");
  EXPECT_EQ(kc({19, 123456, 60, 126, kNeg(-3)}, 7),
            "keyctl(KEYCTL_REJECT, 123456, 60, ENOKEY, KEY_SPEC_SESSION_KEYRING) = 7");
  EXPECT_EQ(kc({19, 123456, 1, 512, 0}, 7), "keyctl(KEYCTL_REJECT, 123456, 1, ERESTARTSYS, 0) = 7");
  EXPECT_EQ(kc({19, 123456, 1, 134, 0}, 7), "keyctl(KEYCTL_REJECT, 123456, 1, 134, 0) = 7");
  EXPECT_EQ(kc({19, 123456, 1, kNeg(-1), 0}, 7),
            "keyctl(KEYCTL_REJECT, 123456, 1, 4294967295, 0) = 7");
  EXPECT_EQ(kc({19, 123456, 1, 0x100000005, 0}, 7), "keyctl(KEYCTL_REJECT, 123456, 1, EIO, 0) = 7");
  EXPECT_EQ(kc({19, 123456, 1, 1, 0}, 7, with_xlat(XlatStyle::Verbose)),
            "keyctl(0x13 /* KEYCTL_REJECT */, 123456, 1, 1 /* EPERM */, 0) = 7");
  EXPECT_EQ(kc({19, 123456, 1, 1, 0}, 7, with_xlat(XlatStyle::Raw)),
            "keyctl(0x13, 123456, 1, 1, 0) = 7");
}

TEST(DecodeKeys, KeyctlReadBack) {
  FakeMemory mem;
  mem.map(0x1000, std::string_view("user;0;0;3f010000;scrykey\0", 26));
  auto run = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                 DecodeOptions opt = {}) {
    return run_syscall(mem, nr_of("keyctl"), args, ret, err, opt);
  };
  SyscallRun r = run({6, 498798675, 0x1000, 256, 9}, 26);
  EXPECT_EQ(r.entry, "keyctl(KEYCTL_DESCRIBE, 498798675, ");
  EXPECT_EQ(r.line(),
            "keyctl(KEYCTL_DESCRIBE, 498798675, \"user;0;0;3f010000;scrykey\", 256) = 26");
  // The return value counts more than the buffer holds: the buffer's length.
  EXPECT_EQ(run({6, 498798675, 0x1000, 5, 9}, 26).line(),
            "keyctl(KEYCTL_DESCRIBE, 498798675, \"user;\", 5) = 26");
  EXPECT_EQ(run({6, 498798675, 0, 0, 9}, 26).line(),
            "keyctl(KEYCTL_DESCRIBE, 498798675, NULL, 0) = 26");
  EXPECT_EQ(run({6, kNeg(-77), 0x1000, 256, 9}, -22, true).line(),
            "keyctl(KEYCTL_DESCRIBE, -77, 0x1000, 256) = -1 EINVAL (Invalid argument)");
  // KEYCTL_READ keeps a trailing NUL, GET_SECURITY drops it.
  EXPECT_EQ(run({11, 5, 0x1018, 100, 0}, 2).line(), "keyctl(KEYCTL_READ, 5, \"y\\0\", 100) = 2");
  EXPECT_EQ(run({17, 5, 0x1018, 100, 0}, 2).line(),
            "keyctl(KEYCTL_GET_SECURITY, 5, \"y\", 100) = 2");
  DecodeOptions x;
  x.xmode = XMode::NonAscii;
  EXPECT_EQ(run({17, 5, 0x1018, 100, 0}, 2, false, x).line(),
            "keyctl(KEYCTL_GET_SECURITY, 5, \"\\x79\\x00\", 100) = 2");
  EXPECT_EQ(run({11, 5, 1, 100, 0}, -14, true).line(),
            "keyctl(KEYCTL_READ, 5, 0x1, 100) = -1 EFAULT (Bad address)");
  // Success but the buffer is gone: its address.
  EXPECT_EQ(run({11, 5, 0x9000, kNeg(-1), 0}, 2).line(),
            "keyctl(KEYCTL_READ, 5, 0x9000, 18446744073709551615) = 2");
}

TEST(DecodeKeys, KeyctlCapabilitiesAndIov) {
  FakeMemory mem;
  const unsigned char caps[3] = {0xeb, 0x03, 0x63};
  mem.map(0x1000, caps, sizeof caps);
  auto kc = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                DecodeOptions opt = {}) { return line_of(mem, "keyctl", args, ret, err, opt); };
  EXPECT_EQ(kc({31, 0x1000, 4, 1, 2}, 2),
            "keyctl(KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES|"
            "KEYCTL_CAPS0_PERSISTENT_KEYRINGS|KEYCTL_CAPS0_PUBLIC_KEY|KEYCTL_CAPS0_INVALIDATE|"
            "KEYCTL_CAPS0_RESTRICT_KEYRING|KEYCTL_CAPS0_MOVE, KEYCTL_CAPS1_NS_KEYRING_NAME|"
            "KEYCTL_CAPS1_NS_KEY_TAG], 4) = 2");
  EXPECT_EQ(kc({31, 0x1000, 3, 0, 0}, 7, false, with_xlat(XlatStyle::Raw)),
            "keyctl(0x1f, [0xeb, 0x3, 0x63], 3) = 7");
  EXPECT_EQ(kc({31, 0x1000, 0, 0, 0}, 7), "keyctl(KEYCTL_CAPABILITIES, [], 0) = 7");
  EXPECT_EQ(kc({31, 0, 3, 0, 0}, 7), "keyctl(KEYCTL_CAPABILITIES, NULL, 3) = 7");
  EXPECT_EQ(kc({31, 0x1000, 300, 0, 0}, -5, true),
            "keyctl(KEYCTL_CAPABILITIES, 0x1000, 300) = -1 EIO (Input/output error)");

  mem.map_cstr(0x2000, "ab");
  mem.map_cstr(0x2010, "cde");
  const std::uint64_t iov[4] = {0x2000, 2, 0x2010, 3};
  mem.map_obj(0x3000, iov);
  EXPECT_EQ(kc({20, 498798675, 0x3000, 2, kNeg(-3)}, -1, true),
            "keyctl(KEYCTL_INSTANTIATE_IOV, 498798675, [{iov_base=\"ab\", iov_len=2}, "
            "{iov_base=\"cde\", iov_len=3}], 2, KEY_SPEC_SESSION_KEYRING) = -1 EPERM (Operation "
            "not permitted)");
  EXPECT_EQ(kc({20, 123456, 0x3000, 0, 0}, 7),
            "keyctl(KEYCTL_INSTANTIATE_IOV, 123456, [], 0, 0) = 7");
  EXPECT_EQ(kc({20, 123456, 1, 2, 0}, 7), "keyctl(KEYCTL_INSTANTIATE_IOV, 123456, 0x1, 2, 0) = 7");
  // A count far past the mapped vector: the readable elements, then the address of the rest.
  EXPECT_EQ(kc({20, 123456, 0x3000, 0x10000000000, 0}, 7),
            "keyctl(KEYCTL_INSTANTIATE_IOV, 123456, [{iov_base=\"ab\", iov_len=2}, "
            "{iov_base=\"cde\", iov_len=3}, ... /* 0x3020 */], 1099511627776, 0) = 7");
}

TEST(DecodeKeys, KeyctlDhCompute) {
  FakeMemory mem;
  keyctl_dh_params dh{};
  dh.priv = -1;
  dh.prime = -2;
  dh.base = -3;
  mem.map_obj(0x1000, dh);
  mem.map(0x2000, "abcdefghij");
  mem.map_cstr(0x3000, "sha256");
  mem.map(0x3100, "oi");
  keyctl_kdf_params kdf{};
  kdf.hashname = reinterpret_cast<char*>(0x3000);
  kdf.otherinfo = reinterpret_cast<char*>(0x3100);
  kdf.otherinfolen = 2;
  mem.map_obj(0x4000, kdf);
  kdf.__spare[0] = 5;
  mem.map_obj(0x5000, kdf);
  auto kc = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                DecodeOptions opt = {}) { return line_of(mem, "keyctl", args, ret, err, opt); };
  EXPECT_EQ(kc({23, 0x1000, 0x2000, 5, 0}, 7),
            "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_THREAD_KEYRING, "
            "prime=KEY_SPEC_PROCESS_KEYRING, base=KEY_SPEC_SESSION_KEYRING}, \"abcde\", 5, NULL) = "
            "7");
  EXPECT_EQ(kc({23, 0x1000, 0x2000, 100, 0}, 2, false, with_xlat(XlatStyle::Verbose)),
            "keyctl(0x17 /* KEYCTL_DH_COMPUTE */, {private=-1 /* KEY_SPEC_THREAD_KEYRING */, "
            "prime=-2 /* KEY_SPEC_PROCESS_KEYRING */, base=-3 /* KEY_SPEC_SESSION_KEYRING */}, "
            "\"ab\", 100, NULL) = 2");
  // On failure the buffer is an address, the KDF parameters are still read.
  EXPECT_EQ(kc({23, 0, 0x2000, 256, 0x4000}, -95, true),
            "keyctl(KEYCTL_DH_COMPUTE, NULL, 0x2000, 256, {hashname=\"sha256\", otherinfo=\"oi\", "
            "otherinfolen=2}) = -1 EOPNOTSUPP (Operation not supported)");
  EXPECT_EQ(kc({23, 0x1000, 0x2000, 256, 0x5000}, -95, true),
            "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_THREAD_KEYRING, "
            "prime=KEY_SPEC_PROCESS_KEYRING, base=KEY_SPEC_SESSION_KEYRING}, 0x2000, 256, "
            "{hashname=\"sha256\", otherinfo=\"oi\", otherinfolen=2, __spare=[0x5, 0, 0, 0, 0, 0, "
            "0, 0]}) = -1 EOPNOTSUPP (Operation not supported)");
  DecodeOptions s3;
  s3.string_limit = 3;
  EXPECT_EQ(kc({23, 0x1000, 0x2000, 256, 0x5000}, -95, true, s3),
            "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_THREAD_KEYRING, "
            "prime=KEY_SPEC_PROCESS_KEYRING, base=KEY_SPEC_SESSION_KEYRING}, 0x2000, 256, "
            "{hashname=\"sha\"..., otherinfo=\"oi\", otherinfolen=2, __spare=[0x5, 0, 0, ...]}) = "
            "-1 EOPNOTSUPP (Operation not supported)");
  EXPECT_EQ(kc({23, 0x1001, 0x2000, 256, 1}, -95, true),
            "keyctl(KEYCTL_DH_COMPUTE, 0x1001, 0x2000, 256, 0x1) = -1 EOPNOTSUPP (Operation not "
            "supported)");
}

TEST(DecodeKeys, KeyctlPkey) {
  FakeMemory mem;
  keyctl_pkey_params pp{};
  pp.key_id = 77;
  pp.in_len = 10;
  pp.out_len = 20;
  mem.map_obj(0x1000, pp);
  pp.__spare[0] = 1;
  mem.map_obj(0x1100, pp);
  mem.map_cstr(0x2000, "enc=pkcs1");
  mem.map(0x3000, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
  keyctl_pkey_query q{};
  q.supported_ops = 0x64636261;
  q.key_size = 2048;
  q.max_data_size = 1;
  q.max_sig_size = 2;
  q.max_enc_size = 3;
  q.max_dec_size = 4;
  mem.map_obj(0x4000, q);
  auto run = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false) {
    return run_syscall(mem, nr_of("keyctl"), args, ret, err);
  };
  SyscallRun r = run({25, 0x1000, 0x2000, 0x3000, 0x3014}, 2);
  EXPECT_EQ(r.entry,
            "keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=77, in_len=10, out_len=20}, \"enc=pkcs1\", "
            "\"abcdefghij\", ");
  EXPECT_EQ(r.exit, "\"uvwxyzabcdefghijklmn\")");
  EXPECT_EQ(run({27, 0x1000, 0x2000, 0x3000, 0x3014}, -5, true).line(),
            "keyctl(KEYCTL_PKEY_SIGN, {key_id=77, in_len=10, out_len=20}, \"enc=pkcs1\", "
            "\"abcdefghij\", 0x3014) = -1 EIO (Input/output error)");
  EXPECT_EQ(run({28, 0x1000, 0x2000, 0x3000, 0x3014}, -5, true).line(),
            "keyctl(KEYCTL_PKEY_VERIFY, {key_id=77, in_len=10, in2_len=20}, \"enc=pkcs1\", "
            "\"abcdefghij\", \"uvwxyzabcdefghijklmn\") = -1 EIO (Input/output error)");
  EXPECT_EQ(run({28, 0x1100, 0, 0, 0}, 7).line(),
            "keyctl(KEYCTL_PKEY_VERIFY, {key_id=77, in_len=10, in2_len=20, __spare=[0x1, 0, 0, 0, "
            "0, 0, 0]}, NULL, NULL, NULL) = 7");
  EXPECT_EQ(run({25, 1, 0, 0, 0}, 7).line(),
            "keyctl(KEYCTL_PKEY_ENCRYPT, 0x1, NULL, NULL, NULL) = 7");
  EXPECT_EQ(run({25, 1, 0x2000, 0x3000, 0x3014}, 7).line(),
            "keyctl(KEYCTL_PKEY_ENCRYPT, 0x1, \"enc=pkcs1\", 0x3000, 0x3014) = 7");
  EXPECT_EQ(run({24, 123456, 0, 0x2000, 0x4000}, 7).line(),
            "keyctl(KEYCTL_PKEY_QUERY, 123456, 0, \"enc=pkcs1\", {supported_ops="
            "KEYCTL_SUPPORTS_ENCRYPT|0x64636260, key_size=2048, max_data_size=1, max_sig_size=2, "
            "max_enc_size=3, max_dec_size=4}) = 7");
  EXPECT_EQ(run({24, 123456, 5, 0, 0}, 7).line(),
            "keyctl(KEYCTL_PKEY_QUERY, 123456, 0x5, NULL, NULL) = 7");
  EXPECT_EQ(run({24, 123456, 0, 0x2000, 0x4000}, -13, true).line(),
            "keyctl(KEYCTL_PKEY_QUERY, 123456, 0, \"enc=pkcs1\", 0x4000) = -1 EACCES (Permission "
            "denied)");
}

}  // namespace
}  // namespace scry::test
