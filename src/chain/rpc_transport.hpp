// How an RpcClient's JSON-RPC bodies reach a node: the seam between the
// client (envelopes, ids, typed helpers, node errors) and the way a body
// travels. HTTP(S) through libcurl is the transport for a URL; the in-process
// node (chain/devnode/dev_node.hpp) is another, so everything written against
// RpcClient runs unchanged on the embedded default.
//
// A transport takes one JSON-RPC body (a request object or a batch array) and
// returns the node's answer body. It does not interpret the JSON-RPC error
// objects in it: those are the client's. A failure to deliver (connection
// refused, an unreadable state file) is an Error of kind chain naming `what`.
//
// Thread safety: RpcClient serialises its own requests; a transport shared by
// several clients must serialise its own state.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace suture::chain {

class RpcTransport {
public:
    virtual ~RpcTransport() = default;
    virtual Result<std::string> post(const std::string& body, std::string_view what) = 0;
};

}  // namespace suture::chain
