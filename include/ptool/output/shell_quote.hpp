// ShellQuote: a file name quoted the way coreutils quotes names in its error messages (gnulib's
// quotef: the shell-escape style, with `:` quoted too, as in a UTF-8 locale): `plain` stays as
// it is, `a b` becomes `'a b'`, a newline becomes `'a'$'\n''b'`, a byte that is not UTF-8
// becomes `$'\377'`. `hash --check` uses it so its stderr matches `sha256sum -c` byte for byte.
// Easy to get wrong: it is for messages only; a name is never quoted in output lines, which
// have their own escaping (the leading-backslash form).
#pragma once

#include <string>
#include <string_view>

namespace ptool {

[[nodiscard]] std::string shell_quote(std::string_view name);

}  // namespace ptool
