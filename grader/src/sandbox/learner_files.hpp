// sandbox/learner_files.hpp — refusing learner files that are not plain files.
//
// A learner file that is a symbolic link makes the build read whatever it points
// at (/etc/passwd, another student's file, a solution) and quote it back in the
// compiler's diagnostics. The grader refuses such a file instead of building it:
// the exercise is a build_error that says why, with or without the sandbox.
#pragma once

#include <filesystem>
#include <string>

#include "manifest/manifest.hpp"

namespace grader {

/// Returns: a one-line reason when one of `manifest`'s learner files in `workspace`, or
/// the exercise's directory there, is a symbolic link or not a regular file; else "".
/// A missing file is not refused here (the build reports it).
std::string refused_learner_files(const std::filesystem::path& workspace, const Manifest& manifest);

}  // namespace grader
