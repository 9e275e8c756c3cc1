// Process-wide resource limits ptool adjusts at start-up.
// Easy to get wrong: the walker keeps one descriptor open per directory level (to walk paths
// longer than PATH_MAX relative to their parent), so a deep tree needs more than the usual
// soft limit of 1024 descriptors.
#pragma once

namespace ptool {

// Raises the soft limit on open files to the hard limit. Failure is harmless: a tree deeper
// than the limit then reports "Too many open files" for the directories past it.
void raise_open_file_limit();

}  // namespace ptool
