// Does the code on chain equal the code a build artifact promises?
//
// The comparison (metadata trailer ignored, immutables taken from the chain,
// a library's call protection filled in) lives in the upgrade layer, where
// `suture check` also uses it to match a live address against a build; deploy
// uses it for post-deployment verification under these names.
#pragma once

#include "upgrade/code_metadata.hpp"
#include "upgrade/runtime_code_compare.hpp"

namespace suture::deploy {

using upgrade::CodeMatch;
using upgrade::compare_runtime_code;
using solidity::ImmutableReference;
using solidity::parse_immutable_references;
using upgrade::metadata_length;

}  // namespace suture::deploy
