// AuditManifest: moves pair a gone path with a new path of the same content, and duplicate
// content never turns a deletion into a move.
#include <gtest/gtest.h>

#include "ptool/hash/audit_manifest.hpp"

namespace ptool {
namespace {

const std::string content_a(32, 'a');
const std::string content_b(32, 'b');

ManifestEntry entry(std::string path, const std::string& hex) {
    return ManifestEntry{HashAlgorithm::xxh128, hex, std::move(path)};
}

NewFile new_file(std::string path, const std::string& hex) {
    return NewFile{std::move(path), {{HashAlgorithm::xxh128, hex}}};
}

TEST(AuditManifest, APathGoneWithItsContentUnderANewPathIsAMove) {
    AuditManifest manifest;
    manifest.add(entry("old", content_a));
    manifest.add(entry("kept", content_b));
    EXPECT_EQ(manifest.mark_walked("kept"), 1U);
    EXPECT_EQ(manifest.mark_walked("elsewhere"), std::nullopt);
    EXPECT_TRUE(manifest.content_listed(HashAlgorithm::xxh128, content_a));
    EXPECT_FALSE(manifest.content_listed(HashAlgorithm::xxh64, content_a.substr(0, 16)));
    auto resolution = manifest.resolve({new_file("elsewhere", content_a)});
    EXPECT_EQ(resolution.move_of_new_file[0], 0U);
    EXPECT_TRUE(resolution.missing.empty());
}

TEST(AuditManifest, ADeletedFileWhoseTwinStillExistsIsMissing) {
    AuditManifest manifest;
    manifest.add(entry("deleted", content_a));
    manifest.add(entry("twin", content_a));
    manifest.mark_walked("twin");
    auto resolution = manifest.resolve({});
    EXPECT_EQ(resolution.missing, (std::vector<std::size_t>{0}));
}

TEST(AuditManifest, ANewCopyOfAFileStillThereIsNew) {
    AuditManifest manifest;
    manifest.add(entry("original", content_a));
    manifest.mark_walked("original");
    auto resolution = manifest.resolve({new_file("copy", content_a)});
    EXPECT_EQ(resolution.move_of_new_file[0], std::nullopt);
    EXPECT_TRUE(resolution.missing.empty());
}

TEST(AuditManifest, EachGonePathMovesOnceInManifestAndWalkOrder) {
    AuditManifest manifest;
    manifest.add(entry("gone1", content_a));
    manifest.add(entry("gone2", content_a));
    manifest.add(entry("gone3", content_a));
    auto resolution = manifest.resolve(
        {new_file("new1", content_a), new_file("new2", content_a), new_file("other", content_b)});
    EXPECT_EQ(resolution.move_of_new_file[0], 0U);
    EXPECT_EQ(resolution.move_of_new_file[1], 1U);
    EXPECT_EQ(resolution.move_of_new_file[2], std::nullopt);
    EXPECT_EQ(resolution.missing, (std::vector<std::size_t>{2}));
}

TEST(AuditManifest, ContentIsMatchedUnderItsOwnAlgorithmOnly) {
    AuditManifest manifest;
    manifest.add(ManifestEntry{HashAlgorithm::xxh64, std::string(16, 'c'), "f"});
    EXPECT_TRUE(manifest.content_listed(HashAlgorithm::xxh64, std::string(16, 'c')));
    EXPECT_FALSE(manifest.content_listed(HashAlgorithm::xxh3, std::string(16, 'c')));
}

TEST(AuditManifest, ALaterLineForTheSamePathSupersedesTheEarlier) {
    AuditManifest manifest;
    manifest.add(entry("f", content_a));
    manifest.add(entry("f", content_b));
    EXPECT_EQ(manifest.mark_walked("f"), 1U);
    EXPECT_EQ(manifest.entry(1).expected_hex, content_b);
    EXPECT_FALSE(manifest.content_listed(HashAlgorithm::xxh128, content_a));
    EXPECT_TRUE(manifest.resolve({}).missing.empty());
    EXPECT_EQ(manifest.algorithms(), (std::vector<HashAlgorithm>{HashAlgorithm::xxh128}));
}

}  // namespace
}  // namespace ptool
