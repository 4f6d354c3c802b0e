// A CallInspector that passes every event on to the next one.
//
// The gates add their own observers (code swap, where a run stopped) in front
// of the Foundry cheatcode handler; each overrides only what it looks at and
// inherits the forwarding of the rest. Order matters for results: an inspector
// sees before_call ahead of the next one, and after_call after it, so a result
// the next one turned around (expectRevert) is judged as the caller sees it.
#pragma once

#include <optional>

#include "evm/call_inspector.hpp"

namespace suture::verify {

class ChainedInspector : public evm::CallInspector {
public:
    explicit ChainedInspector(evm::CallInspector* next = nullptr) : next_(next) {}
    void set_next(evm::CallInspector* next) { next_ = next; }
    // Puts `tail` after the last ChainedInspector of this chain (replacing
    // whatever followed it), so a chain of several gate observers can be put
    // in front of the cheatcodes as one.
    void attach_tail(evm::CallInspector* tail) {
        ChainedInspector* c = this;
        while (auto* n = dynamic_cast<ChainedInspector*>(c->next_)) c = n;
        c->next_ = tail;
    }

    std::optional<evm::ExecResult> before_call(evm::Message& msg) override {
        return next_ ? next_->before_call(msg) : std::nullopt;
    }
    void after_call(const evm::Message& msg, evm::ExecResult& result) override {
        if (next_) next_->after_call(msg, result);
    }
    void on_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) override {
        if (next_) next_->on_log(addr, data, topics, num_topics);
    }
    void on_storage_read(const Address& addr, const uint256& key) override {
        if (next_) next_->on_storage_read(addr, key);
    }
    void on_storage_write(const Address& addr, const uint256& key, const uint256& value) override {
        if (next_) next_->on_storage_write(addr, key, value);
    }

protected:
    evm::CallInspector* next_;
};

}  // namespace suture::verify
