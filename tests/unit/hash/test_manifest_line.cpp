// Manifest lines are written byte for byte as sha256sum (coreutils 9.1) and xxhsum write them,
// and read back from ptool's own lines and from the lines those tools write. Expected strings
// were produced once with the real tools; one test also runs them when they are installed.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ptool/hash/hasher.hpp"
#include "ptool/hash/manifest_line.hpp"

namespace ptool {
namespace {

using namespace std::string_literals;

// Digests of the one-byte file "x", from sha256sum and xxhsum -H1.
constexpr std::string_view sha256_of_x =
    "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
constexpr std::string_view xxh64_of_x = "5c80c09683041123";
constexpr std::string_view xxh3_of_abc = "78af5f94892f3950";

std::string line_for(HashAlgorithm algorithm, std::string_view hex, std::string_view path,
                     ManifestStyle style, LineEnd end = LineEnd::newline) {
    std::string out;
    append_manifest_line(out, algorithm, hex, path, style, end);
    return out;
}

ManifestEntry entry_of(std::string_view line, LineEnd end = LineEnd::newline) {
    ParsedManifestLine parsed = parse_manifest_line(line, end);
    if (const auto* improper = std::get_if<ImproperManifestLine>(&parsed)) {
        ADD_FAILURE() << "improperly formatted (" << improper->reason << "): " << line;
        return {};
    }
    EXPECT_TRUE(std::holds_alternative<ManifestEntry>(parsed)) << line;
    return std::holds_alternative<ManifestEntry>(parsed) ? std::get<ManifestEntry>(parsed)
                                                         : ManifestEntry{};
}

bool is_improper(std::string_view line, LineEnd end = LineEnd::newline) {
    return std::holds_alternative<ImproperManifestLine>(parse_manifest_line(line, end));
}

bool is_ignored(std::string_view line) {
    return std::holds_alternative<IgnoredManifestLine>(parse_manifest_line(line, LineEnd::newline));
}

// ---- Writing -------------------------------------------------------------------------------

TEST(AppendManifestLine, GnuFormHasTwoSpaces) {
    EXPECT_EQ(line_for(HashAlgorithm::sha256, sha256_of_x, "dir/x", ManifestStyle::gnu),
              std::string(sha256_of_x) + "  dir/x\n");
    EXPECT_EQ(line_for(HashAlgorithm::xxh64, xxh64_of_x, "x", ManifestStyle::gnu),
              "5c80c09683041123  x\n");
}

TEST(AppendManifestLine, Xxh3GnuFormHasItsPrefix) {
    EXPECT_EQ(line_for(HashAlgorithm::xxh3, xxh3_of_abc, "abc", ManifestStyle::gnu),
              "XXH3_78af5f94892f3950  abc\n");
}

TEST(AppendManifestLine, TagForm) {
    EXPECT_EQ(line_for(HashAlgorithm::sha256, sha256_of_x, "x", ManifestStyle::tag),
              "SHA256 (x) = " + std::string(sha256_of_x) + "\n");
    EXPECT_EQ(line_for(HashAlgorithm::xxh3, xxh3_of_abc, "abc", ManifestStyle::tag),
              "XXH3 (abc) = 78af5f94892f3950\n");
    EXPECT_EQ(line_for(HashAlgorithm::xxh32, "32d153ff", "abc", ManifestStyle::tag),
              "XXH32 (abc) = 32d153ff\n");
}

TEST(AppendManifestLine, AppendsToWhatIsThere) {
    std::string out = "first\n";
    append_manifest_line(out, HashAlgorithm::xxh32, "32d153ff", "abc", ManifestStyle::gnu,
                         LineEnd::newline);
    EXPECT_EQ(out, "first\n32d153ff  abc\n");
}

// As `sha256sum` and `sha256sum --tag` (coreutils 9.1) print them, checked with od -c.
TEST(AppendManifestLine, EscapesNewlineCarriageReturnAndBackslashLikeCoreutils) {
    const std::string hex(sha256_of_x);
    EXPECT_EQ(line_for(HashAlgorithm::sha256, hex, "a\nb", ManifestStyle::gnu),
              "\\" + hex + "  a\\nb\n");
    EXPECT_EQ(line_for(HashAlgorithm::sha256, hex, "c\rd", ManifestStyle::gnu),
              "\\" + hex + "  c\\rd\n");
    EXPECT_EQ(line_for(HashAlgorithm::sha256, hex, "e\\f", ManifestStyle::gnu),
              "\\" + hex + "  e\\\\f\n");
    EXPECT_EQ(line_for(HashAlgorithm::sha256, hex, "a\nb", ManifestStyle::tag),
              "\\SHA256 (a\\nb) = " + hex + "\n");
    EXPECT_EQ(line_for(HashAlgorithm::xxh3, xxh3_of_abc, "a\\b", ManifestStyle::gnu),
              "\\XXH3_78af5f94892f3950  a\\\\b\n");
}

TEST(AppendManifestLine, LeavesOtherControlCharactersAlone) {
    EXPECT_EQ(line_for(HashAlgorithm::xxh32, "32d153ff", "g\th", ManifestStyle::gnu),
              "32d153ff  g\th\n");
}

TEST(AppendManifestLine, NulTerminatedLinesAreNeverEscaped) {
    EXPECT_EQ(
        line_for(HashAlgorithm::sha256, sha256_of_x, "a\nb\\c", ManifestStyle::gnu, LineEnd::nul),
        std::string(sha256_of_x) + "  a\nb\\c\0"s);
    EXPECT_EQ(line_for(HashAlgorithm::xxh64, xxh64_of_x, "a\rb", ManifestStyle::tag, LineEnd::nul),
              "XXH64 (a\rb) = 5c80c09683041123\0"s);
}

// ---- Reading -------------------------------------------------------------------------------

TEST(ParseManifestLine, AlgorithmFromHexLength) {
    EXPECT_EQ(entry_of("32d153ff  abc"), (ManifestEntry{HashAlgorithm::xxh32, "32d153ff", "abc"}));
    EXPECT_EQ(entry_of("44bc2cf5ad770999  abc").algorithm, HashAlgorithm::xxh64);
    EXPECT_EQ(entry_of("06b05ab6733a618578af5f94892f3950  abc").algorithm, HashAlgorithm::xxh128);
    EXPECT_EQ(entry_of(std::string(sha256_of_x) + "  x").algorithm, HashAlgorithm::sha256);
}

TEST(ParseManifestLine, Xxh3PrefixSelectsXxh3) {
    EXPECT_EQ(entry_of("XXH3_78af5f94892f3950  abc"),
              (ManifestEntry{HashAlgorithm::xxh3, "78af5f94892f3950", "abc"}));
    EXPECT_TRUE(is_improper("XXH3_06b05ab6733a618578af5f94892f3950  abc"));
}

TEST(ParseManifestLine, BinaryMarkerIsNotPartOfTheName) {
    EXPECT_EQ(entry_of("32d153ff *abc").path, "abc");
}

TEST(ParseManifestLine, EverythingAfterTheSeparatorIsTheName) {
    EXPECT_EQ(entry_of("32d153ff   two  spaces ").path, " two  spaces ");
    EXPECT_EQ(entry_of("32d153ff  *star").path, "*star");
}

TEST(ParseManifestLine, UppercaseHexIsAcceptedAndLowered) {
    EXPECT_EQ(entry_of("44BC2CF5AD770999  abc").expected_hex, "44bc2cf5ad770999");
    EXPECT_EQ(entry_of("XXH64 (abc) = 44BC2CF5AD770999").expected_hex, "44bc2cf5ad770999");
}

TEST(ParseManifestLine, TagForm) {
    EXPECT_EQ(entry_of("XXH3 (abc) = 78af5f94892f3950"),
              (ManifestEntry{HashAlgorithm::xxh3, "78af5f94892f3950", "abc"}));
    EXPECT_EQ(entry_of("XXH64 (abc) = 44bc2cf5ad770999").algorithm, HashAlgorithm::xxh64);
    EXPECT_EQ(entry_of("XXH32 (abc) = 32d153ff").algorithm, HashAlgorithm::xxh32);
    EXPECT_EQ(entry_of("XXH128 (abc) = 06b05ab6733a618578af5f94892f3950").algorithm,
              HashAlgorithm::xxh128);
    EXPECT_EQ(entry_of("SHA256 (x) = " + std::string(sha256_of_x)).algorithm,
              HashAlgorithm::sha256);
}

TEST(ParseManifestLine, TagFormWithoutSpacesAsCoreutilsAccepts) {
    EXPECT_EQ(entry_of("XXH32(abc)=32d153ff").path, "abc");
}

TEST(ParseManifestLine, TagFormNameEndsAtTheLastParenthesis) {
    EXPECT_EQ(entry_of("XXH32 (a) = (b)) = 32d153ff").path, "a) = (b)");
}

TEST(ParseManifestLine, TagFormHashMustFitTheTag) {
    EXPECT_TRUE(is_improper("XXH64 (abc) = 32d153ff"));
    EXPECT_TRUE(is_improper("XXH3 (abc) = 06b05ab6733a618578af5f94892f3950"));
    EXPECT_TRUE(is_improper("XXH32 (abc) = 32d153ff "));
    EXPECT_TRUE(is_improper("MD5 (abc) = 900150983cd24fb0d6963f7d28e17f72"));
    EXPECT_TRUE(is_improper("XXH32 (abc = 32d153ff"));
    EXPECT_TRUE(is_improper("XXH32 (abc) 32d153ff"));
}

TEST(ParseManifestLine, EscapedNames) {
    EXPECT_EQ(entry_of("\\32d153ff  a\\nb\\rc\\\\d").path, "a\nb\rc\\d");
    EXPECT_EQ(entry_of("\\XXH3_78af5f94892f3950  a\\\\b"),
              (ManifestEntry{HashAlgorithm::xxh3, "78af5f94892f3950", "a\\b"}));
    EXPECT_EQ(entry_of("\\SHA256 (a\\nb) = " + std::string(sha256_of_x)).path, "a\nb");
}

TEST(ParseManifestLine, UnescapedBackslashesAreKept) {
    EXPECT_EQ(entry_of("32d153ff  a\\nb").path, "a\\nb");
}

TEST(ParseManifestLine, OtherEscapesAreImproper) {
    EXPECT_TRUE(is_improper("\\32d153ff  a\\tb"));
    EXPECT_TRUE(is_improper("\\32d153ff  ends\\"));
    EXPECT_TRUE(is_improper("\\XXH32 (a\\x) = 32d153ff"));
}

TEST(ParseManifestLine, CommentsAndEmptyLinesAreIgnored) {
    EXPECT_TRUE(is_ignored(""));
    EXPECT_TRUE(is_ignored("\r"));
    EXPECT_TRUE(is_ignored("# ptool hash manifest"));
    EXPECT_TRUE(is_ignored("#32d153ff  abc"));
}

TEST(ParseManifestLine, IndentedCommentsAndBlankLinesAreImproperAsInCoreutils) {
    EXPECT_TRUE(is_improper("  # indented"));
    EXPECT_TRUE(is_improper("   "));
}

TEST(ParseManifestLine, LeadingBlanksBeforeTheHashAreSkipped) {
    EXPECT_EQ(entry_of(" \t32d153ff  abc").path, "abc");
}

TEST(ParseManifestLine, CarriageReturnBeforeNewlineIsDropped) {
    EXPECT_EQ(entry_of("32d153ff  abc\r").path, "abc");
    EXPECT_EQ(entry_of("XXH32 (abc) = 32d153ff\r").path, "abc");
}

TEST(ParseManifestLine, NulTerminatedLinesKeepEveryByteOfTheName) {
    EXPECT_EQ(entry_of("32d153ff  a\nb\r", LineEnd::nul).path, "a\nb\r");
}

TEST(ParseManifestLine, MalformedGnuLines) {
    EXPECT_TRUE(is_improper("32d153ff abc"));  // coreutils' single-space reversed form
    EXPECT_TRUE(is_improper("32d153ff  "));    // no name
    EXPECT_TRUE(is_improper("32d153ff"));
    EXPECT_TRUE(is_improper("32d153f  abc"));     // 7 digits
    EXPECT_TRUE(is_improper("32d153fg  abc"));    // not hex
    EXPECT_TRUE(is_improper("0x32d153ff  abc"));  // 10 characters
    EXPECT_TRUE(is_improper("32d153ff  a\0b"s));
    EXPECT_TRUE(is_improper("\\"));
}

TEST(ParseManifestLine, ImproperLinesSayWhy) {
    ParsedManifestLine parsed = parse_manifest_line("32d153fg  abc", LineEnd::newline);
    ASSERT_TRUE(std::holds_alternative<ImproperManifestLine>(parsed));
    EXPECT_FALSE(std::get<ImproperManifestLine>(parsed).reason.empty());
}

// What ptool writes, ptool reads back: every algorithm, both styles, both line ends, awkward names.
TEST(ManifestLineRoundTrip, ParseReadsBackWhatAppendWrote) {
    const std::vector<std::string> paths = {"x",   "./d/x", "a\nb",     "c\rd", "e\\f", "\\",
                                            "\\n", " lead", "trail\r ", "(p)",  "g\th", "a) = b"};
    for (HashAlgorithm algorithm : all_hash_algorithms) {
        const std::string hex(digest_hex_length(algorithm), 'a');
        for (ManifestStyle style : {ManifestStyle::gnu, ManifestStyle::tag}) {
            for (LineEnd end : {LineEnd::newline, LineEnd::nul}) {
                for (const std::string& path : paths) {
                    std::string line = line_for(algorithm, hex, path, style, end);
                    line.pop_back();  // the reader strips the terminator
                    EXPECT_EQ(entry_of(line, end), (ManifestEntry{algorithm, hex, path}))
                        << cli_name(algorithm) << " " << line;
                }
            }
        }
    }
}

// ---- Against the installed tools -----------------------------------------------------------

class TemporaryDirectory {
  public:
    TemporaryDirectory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ptool-manifest-XXXXXX");
        if (::mkdtemp(pattern.data()) != nullptr) {
            path_ = pattern;
        }
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

std::string shell_quoted(std::string_view text) {
    std::string quoted = "'";
    for (char character : text) {
        quoted += character == '\'' ? std::string("'\\''") : std::string(1, character);
    }
    return quoted + "'";
}

struct PipeCloser {
    void operator()(FILE* pipe) const { ::pclose(pipe); }
};

std::string output_of(const std::string& command) {
    std::unique_ptr<FILE, PipeCloser> pipe{::popen(command.c_str(), "r")};
    std::string output;
    if (!pipe) {
        return output;
    }
    std::array<char, 4096> buffer{};
    while (std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) {
        output.append(buffer.data(), count);
    }
    return output;
}

bool tool_installed(const std::string& tool) {
    return output_of("command -v " + tool + " >/dev/null 2>&1 && echo yes") == "yes\n";
}

std::string ptool_line(HashAlgorithm algorithm, std::string_view contents, std::string_view path,
                       ManifestStyle style, LineEnd end) {
    Hasher hasher{algorithm};
    hasher.update(std::as_bytes(std::span(contents.data(), contents.size())));
    return line_for(algorithm, hasher.hex_digest(), path, style, end);
}

TEST(ManifestLineAgainstTools, Sha256sumWritesTheSameBytes) {
    if (!tool_installed("sha256sum")) {
        GTEST_SKIP() << "sha256sum is not installed";
    }
    TemporaryDirectory directory;
    ASSERT_FALSE(directory.path().empty());
    for (const std::string name : {"plain", "a\nb", "c\rd", "e\\f", "g\th"}) {
        std::ofstream(directory.path() / name) << "contents of " << name;
        const std::string contents = "contents of " + name;
        const std::string run = "cd " + shell_quoted(directory.path().string()) + " && sha256sum ";
        EXPECT_EQ(output_of(run + shell_quoted(name)),
                  ptool_line(HashAlgorithm::sha256, contents, name, ManifestStyle::gnu,
                             LineEnd::newline));
        EXPECT_EQ(output_of(run + "--tag " + shell_quoted(name)),
                  ptool_line(HashAlgorithm::sha256, contents, name, ManifestStyle::tag,
                             LineEnd::newline));
        EXPECT_EQ(
            output_of(run + "-z " + shell_quoted(name)),
            ptool_line(HashAlgorithm::sha256, contents, name, ManifestStyle::gnu, LineEnd::nul));
    }
}

// xxhsum 0.8.1 never escapes names and always writes XXH3 in tag form, so only plain names and
// the forms it shares with ptool are compared.
TEST(ManifestLineAgainstTools, XxhsumWritesTheSameBytes) {
    if (!tool_installed("xxhsum")) {
        GTEST_SKIP() << "xxhsum is not installed";
    }
    TemporaryDirectory directory;
    ASSERT_FALSE(directory.path().empty());
    const std::string contents = "xxhsum test contents";
    std::ofstream(directory.path() / "file name") << contents;
    const std::string run = "cd " + shell_quoted(directory.path().string()) + " && xxhsum ";
    struct Variant {
        HashAlgorithm algorithm;
        std::string_view option;
    };
    for (Variant variant :
         {Variant{HashAlgorithm::xxh32, "-H0"}, Variant{HashAlgorithm::xxh64, "-H1"},
          Variant{HashAlgorithm::xxh128, "-H2"}}) {
        const std::string option(variant.option);
        EXPECT_EQ(output_of(run + option + " 'file name' 2>/dev/null"),
                  ptool_line(variant.algorithm, contents, "file name", ManifestStyle::gnu,
                             LineEnd::newline));
        EXPECT_EQ(output_of(run + option + " --tag 'file name' 2>/dev/null"),
                  ptool_line(variant.algorithm, contents, "file name", ManifestStyle::tag,
                             LineEnd::newline));
    }
    EXPECT_EQ(output_of(run + "-H3 --tag 'file name' 2>/dev/null"),
              ptool_line(HashAlgorithm::xxh3, contents, "file name", ManifestStyle::tag,
                         LineEnd::newline));
}

}  // namespace
}  // namespace ptool
