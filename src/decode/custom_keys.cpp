// add_key, request_key and keyctl (the kernel key retention service): what keyctl's arguments
// are depends on the command, as strace 6.1 prints them.
#include <linux/keyctl.h>

#include <algorithm>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

const FlagSet* key_spec_set() {
  static const FlagSet* const set = find_set("key_spec");
  return set;
}

// A key serial number (key_serial_t, a signed 32-bit int): KEY_SPEC_* or the decimal number.
void print_key_serial(OutBuf& out, std::uint64_t v) {
  const auto serial = static_cast<std::int32_t>(v);
  printxval(out, key_spec_set(), static_cast<std::uint64_t>(static_cast<std::int64_t>(serial)),
            nullptr, ValFmt::Dec);
}

void next(OutBuf& out) {
  out.put(", ");
}

// The KEYCTL_* commands whose arguments are not all printed at entry.
enum KeyctlState : int {
  kReadKey = 0,       // DESCRIBE, READ, GET_SECURITY: the buffer and its length
  kDhCompute = 1,     // the buffer, its length and the KDF parameters
  kCapabilities = 2,  // the capability bytes and the buffer length
  kPkeyQuery = 3,     // struct keyctl_pkey_query
  kPkeyOut = 4,       // PKEY_ENCRYPT/DECRYPT/SIGN: the output buffer (out_len saved[0])
};
static_assert(kPkeyOut < kAllPrinted);

// ", __spare=[0x1, 0, ...]}": a structure's reserved u32 array in hex, printed only when some
// element is not 0 and cut after -s elements unless -v; then the structure's end.
template <std::size_t N>
void end_struct_spare(DecodeCtx& ctx, const std::uint32_t (&spare)[N]) {
  OutBuf& out = ctx.out;
  if (!std::all_of(spare, spare + N, [](std::uint32_t v) { return v == 0; })) {
    out.put(", __spare=[");
    const std::size_t limit = ctx.opt.verbose ? N : std::min(N, max_strlen(ctx.opt));
    for (std::size_t i = 0; i < N; ++i) {
      if (i != 0) out.put(", ");
      if (i >= limit) {
        out.put("...");
        break;
      }
      out.put_hex(spare[i]);
    }
    out.put(']');
  }
  out.put('}');
}

void print_dh_params(DecodeCtx& ctx, std::uint64_t addr) {
  keyctl_dh_params p{};
  if (!umove_or_printaddr(ctx, addr, p)) return;
  OutBuf& out = ctx.out;
  out.put("{private=");
  print_key_serial(out, static_cast<std::uint32_t>(p.priv));
  out.put(", prime=");
  print_key_serial(out, static_cast<std::uint32_t>(p.prime));
  out.put(", base=");
  print_key_serial(out, static_cast<std::uint32_t>(p.base));
  out.put('}');
}

void print_kdf_params(DecodeCtx& ctx, std::uint64_t addr) {
  keyctl_kdf_params p{};
  if (!umoven_or_printaddr_ignore_syserror(ctx, addr, sizeof p, &p)) return;
  OutBuf& out = ctx.out;
  out.put("{hashname=");
  printstr(ctx, reinterpret_cast<std::uintptr_t>(p.hashname));
  out.put(", otherinfo=");
  printstrn(ctx, reinterpret_cast<std::uintptr_t>(p.otherinfo), p.otherinfolen);
  out.put(", otherinfolen=");
  out.put_udec(p.otherinfolen);
  end_struct_spare(ctx, p.__spare);
}

void print_pkey_query(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const ops = find_set("keyctl_pkey_ops");
  keyctl_pkey_query q{};
  if (!umove_or_printaddr(ctx, addr, q)) return;
  OutBuf& out = ctx.out;
  out.put("{supported_ops=");
  printflags(out, ops, q.supported_ops, "KEYCTL_SUPPORTS_???");
  out.put(", key_size=");
  out.put_udec(q.key_size);
  out.put(", max_data_size=");
  out.put_udec(q.max_data_size);
  out.put(", max_sig_size=");
  out.put_udec(q.max_sig_size);
  out.put(", max_enc_size=");
  out.put_udec(q.max_enc_size);
  out.put(", max_dec_size=");
  out.put_udec(q.max_dec_size);
  end_struct_spare(ctx, q.__spare);
}

// PKEY_ENCRYPT/DECRYPT/SIGN/VERIFY at entry: the parameters, the info string and the input
// buffer(s). Returns the output length, or -1 when the parameters are unreadable.
std::int64_t print_pkey_params(DecodeCtx& ctx, unsigned cmd) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  keyctl_pkey_params p{};
  const bool have = umove_or_printaddr(ctx, a[1], p);
  if (have) {
    out.put("{key_id=");
    print_key_serial(out, static_cast<std::uint32_t>(p.key_id));
    out.put(", in_len=");
    out.put_udec(p.in_len);
    out.put(cmd == KEYCTL_PKEY_VERIFY ? ", in2_len=" : ", out_len=");
    out.put_udec(p.out_len);
    end_struct_spare(ctx, p.__spare);
  }
  next(out);
  printstr(ctx, a[2]);
  next(out);
  if (have) {
    printstrn(ctx, a[3], p.in_len);
  } else {
    print_addr(out, a[3]);
  }
  next(out);
  if (!have) return -1;
  return p.out_len;
}

void print_caps(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count) {
  static const FlagSet* const caps0 = find_set("keyctl_caps0");
  static const FlagSet* const caps1 = find_set("keyctl_caps1");
  std::uint64_t index = 0;
  print_array(ctx, addr, count, 1, [&](const unsigned char* e) {
    if (index == 0) {
      printflags(ctx.out, caps0, *e, "KEYCTL_CAPS0_???");
    } else if (index == 1) {
      printflags(ctx.out, caps1, *e, "KEYCTL_CAPS1_???");
    } else {
      ctx.out.put_hex(*e);
    }
    ++index;
    return true;
  });
}

// What the kernel wrote into a buffer of len bytes: ret bytes of it (the address on failure).
void print_returned_buf(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, unsigned style) {
  if (ctx.call.is_error) {
    print_addr(ctx.out, addr);
    return;
  }
  const auto ret = static_cast<std::uint64_t>(ctx.call.ret);
  printstr_ex(ctx, addr, std::min(ret, len), style);
}

void print_reject_error(OutBuf& out, std::uint64_t v) {
  const auto err = static_cast<std::uint32_t>(v);
  const char* name = errno_name(static_cast<long>(err));
  if (name == nullptr) {
    out.put_udec(err);
    return;
  }
  print_xlat_text(out, err, ValFmt::Udec, name);
}

}  // namespace

// add_key(type, description, payload, plen, keyring)
int add_key_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printstr(ctx, a[0]);
  next(out);
  printstr(ctx, a[1]);
  next(out);
  printstrn(ctx, a[2], a[3]);
  next(out);
  out.put_udec(a[3]);
  next(out);
  print_key_serial(out, a[4]);
  return kAllPrinted;
}

// request_key(type, description, callout_info, dest_keyring)
int request_key_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printstr(ctx, a[0]);
  next(out);
  printstr(ctx, a[1]);
  next(out);
  printstr(ctx, a[2]);
  next(out);
  print_key_serial(out, a[3]);
  return kAllPrinted;
}

int keyctl_entry(DecodeCtx& ctx) {
  static const FlagSet* const cmds = find_set("keyctl_cmd");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const auto cmd = static_cast<std::uint32_t>(a[0]);
  printxval(out, cmds, cmd, "KEYCTL_???");
  if (cmd == KEYCTL_SESSION_TO_PARENT) return kAllPrinted;
  next(out);
  switch (cmd) {
    case KEYCTL_GET_KEYRING_ID:
      print_key_serial(out, a[1]);
      next(out);
      out.put_dec(static_cast<std::int32_t>(a[2]));
      break;
    case KEYCTL_JOIN_SESSION_KEYRING:
      printstr(ctx, a[1]);
      break;
    case KEYCTL_UPDATE:
      print_key_serial(out, a[1]);
      next(out);
      printstrn(ctx, a[2], a[3]);
      next(out);
      out.put_udec(a[3]);
      break;
    case KEYCTL_REVOKE:
    case KEYCTL_CLEAR:
    case KEYCTL_INVALIDATE:
    case KEYCTL_ASSUME_AUTHORITY:
      print_key_serial(out, a[1]);
      break;
    case KEYCTL_LINK:
    case KEYCTL_UNLINK:
      print_key_serial(out, a[1]);
      next(out);
      print_key_serial(out, a[2]);
      break;
    case KEYCTL_DESCRIBE:
    case KEYCTL_READ:
    case KEYCTL_GET_SECURITY:
      print_key_serial(out, a[1]);
      next(out);
      return kReadKey;
    case KEYCTL_SEARCH:
      print_key_serial(out, a[1]);
      next(out);
      printstr(ctx, a[2]);
      next(out);
      printstr(ctx, a[3]);
      next(out);
      print_key_serial(out, a[4]);
      break;
    case KEYCTL_CHOWN:
      print_key_serial(out, a[1]);
      next(out);
      print_uid(out, static_cast<unsigned>(a[2]));
      next(out);
      print_uid(out, static_cast<unsigned>(a[3]));
      break;
    case KEYCTL_SETPERM: {
      static const FlagSet* const perms = find_set("key_perms");
      print_key_serial(out, a[1]);
      next(out);
      printflags(out, perms, static_cast<std::uint32_t>(a[2]), "KEY_???");
      break;
    }
    case KEYCTL_INSTANTIATE:
      print_key_serial(out, a[1]);
      next(out);
      printstrn(ctx, a[2], a[3]);
      next(out);
      out.put_udec(a[3]);
      next(out);
      print_key_serial(out, a[4]);
      break;
    case KEYCTL_NEGATE:
      print_key_serial(out, a[1]);
      next(out);
      out.put_udec(static_cast<std::uint32_t>(a[2]));
      next(out);
      print_key_serial(out, a[3]);
      break;
    case KEYCTL_SET_REQKEY_KEYRING: {
      static const FlagSet* const reqkey = find_set("key_reqkey");
      const auto v = static_cast<std::int64_t>(static_cast<std::int32_t>(a[1]));
      printxval(out, reqkey, static_cast<std::uint64_t>(v), "KEY_REQKEY_DEFL_???", ValFmt::Dec);
      break;
    }
    case KEYCTL_SET_TIMEOUT:
      print_key_serial(out, a[1]);
      next(out);
      out.put_udec(static_cast<std::uint32_t>(a[2]));
      break;
    case KEYCTL_REJECT:
      print_key_serial(out, a[1]);
      next(out);
      out.put_udec(static_cast<std::uint32_t>(a[2]));
      next(out);
      print_reject_error(out, a[3]);
      next(out);
      print_key_serial(out, a[4]);
      break;
    case KEYCTL_INSTANTIATE_IOV:
      print_key_serial(out, a[1]);
      next(out);
      print_iovec(ctx, a[2], a[3], ~std::uint64_t{0}, true);
      next(out);
      out.put_udec(a[3]);
      next(out);
      print_key_serial(out, a[4]);
      break;
    case KEYCTL_GET_PERSISTENT:
      print_uid(out, static_cast<unsigned>(a[1]));
      next(out);
      print_key_serial(out, a[2]);
      break;
    case KEYCTL_DH_COMPUTE:
      print_dh_params(ctx, a[1]);
      next(out);
      return kDhCompute;
    case KEYCTL_RESTRICT_KEYRING:
      print_key_serial(out, a[1]);
      next(out);
      printstr(ctx, a[2]);
      next(out);
      printstr(ctx, a[3]);
      break;
    case KEYCTL_MOVE: {
      static const FlagSet* const flags = find_set("keyctl_move");
      print_key_serial(out, a[1]);
      next(out);
      print_key_serial(out, a[2]);
      next(out);
      print_key_serial(out, a[3]);
      next(out);
      printflags(out, flags, static_cast<std::uint32_t>(a[4]), "KEYCTL_MOVE_???");
      break;
    }
    case KEYCTL_CAPABILITIES:
      return kCapabilities;
    case KEYCTL_PKEY_QUERY:
      print_key_serial(out, a[1]);
      next(out);
      out.put_hex(a[2]);
      next(out);
      printstr(ctx, a[3]);
      next(out);
      return kPkeyQuery;
    case KEYCTL_PKEY_ENCRYPT:
    case KEYCTL_PKEY_DECRYPT:
    case KEYCTL_PKEY_SIGN: {
      const std::int64_t out_len = print_pkey_params(ctx, cmd);
      ctx.call.saved[0] = static_cast<std::uint64_t>(out_len);
      ctx.call.saved[1] = out_len >= 0 ? 1 : 0;
      return kPkeyOut;
    }
    case KEYCTL_PKEY_VERIFY: {
      const std::int64_t in2_len = print_pkey_params(ctx, cmd);
      if (in2_len >= 0) {
        printstrn(ctx, a[4], static_cast<std::uint64_t>(in2_len));
      } else {
        print_addr(out, a[4]);
      }
      break;
    }
    default:
      for (std::size_t i = 1; i < 5; ++i) {
        if (i != 1) next(out);
        out.put_hex(a[i]);
      }
      break;
  }
  return kAllPrinted;
}

void keyctl_exit(DecodeCtx& ctx, int from) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const auto cmd = static_cast<std::uint32_t>(a[0]);
  switch (from) {
    case kReadKey:
      print_returned_buf(ctx, a[2], a[3], cmd == KEYCTL_READ ? 0u : kQuoteOmitTrailing0);
      next(out);
      out.put_udec(a[3]);
      return;
    case kDhCompute:
      print_returned_buf(ctx, a[2], a[3], 0);
      next(out);
      out.put_udec(a[3]);
      next(out);
      print_kdf_params(ctx, a[4]);
      return;
    case kCapabilities:
      if (ctx.call.is_error) {
        print_addr(out, a[1]);
      } else {
        print_caps(ctx, a[1], std::min(static_cast<std::uint64_t>(ctx.call.ret), a[2]));
      }
      next(out);
      out.put_udec(a[2]);
      return;
    case kPkeyQuery:
      print_pkey_query(ctx, a[4]);
      return;
    case kPkeyOut:
      if (ctx.call.is_error || ctx.call.saved[1] == 0) {
        print_addr(out, a[4]);
      } else {
        printstrn(ctx, a[4], ctx.call.saved[0]);
      }
      return;
    default:
      return;
  }
}

}  // namespace scry::dec
