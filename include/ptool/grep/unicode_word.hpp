// Unicode word characters for grep's patterns. RE2's \w and \W are ASCII-only; ripgrep's are
// Unicode (letters, marks, decimal digits, connector punctuation...), so `\w+\(` must match in
// `丰(abc)` and `-w foo` must not match in `fooé`. with_unicode_word_classes() rewrites \w and \W
// in a pattern into classes of Unicode word characters; word_class() is what -w's edges use.
// Easy to get wrong: the rewrite must understand RE2's escapes (`\\w` is a backslash and a `w`,
// `\Q...\E` is literal text) and character classes (`[\w-]`, `[^\w]`, `[\W_]`); and \b and \B are
// left alone: RE2 has no Unicode word boundary, so they stay ASCII.
#pragma once

#include <string>
#include <string_view>

namespace ptool {

// The items of a character class (without the brackets) holding ripgrep's \w: UTS #18's word
// characters, Alphabetic + M + Nd + Pc + Join_Control. RE2 has no Alphabetic property: it is L,
// Nl and the few Other_Alphabetic characters outside M (circled and squared Latin letters).
[[nodiscard]] std::string_view word_class_items();

// `[` word_class_items() `]`, and its negation.
[[nodiscard]] std::string word_class();
[[nodiscard]] std::string non_word_class();

// `pattern` (RE2 syntax) with each \w and \W standing for Unicode word and non-word characters,
// outside and inside character classes. Everything else is copied byte for byte. Call it on a
// pattern RE2 accepts: a malformed one is copied as far as it can be and left for RE2 to reject.
[[nodiscard]] std::string with_unicode_word_classes(std::string_view pattern);

}  // namespace ptool
