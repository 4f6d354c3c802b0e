// Boolean expressions over detector names ("drain && !(owner_call || keeper)"),
// OpenZeppelin Monitor's way of combining conditions: && binds tighter than
// ||, ! binds tightest, parentheses group. A name is true when that detector
// matched the same transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace suture::respond {

class DetectorExpression {
public:
    // Errors name the position ("expression 'a &&': column 5: expected a name").
    static Result<DetectorExpression> parse(std::string_view text);

    // Every name the expression uses, once each, in order of appearance.
    const std::vector<std::string>& names() const { return names_; }
    // `value(i)` answers names()[i].
    bool evaluate(const std::function<bool(size_t)>& value) const;

    struct Node {
        enum class Op { name, not_, and_, or_ } op = Op::name;
        size_t name = 0;  // Op::name: index into names()
        std::unique_ptr<Node> a, b;
    };

private:
    std::shared_ptr<const Node> root_;
    std::vector<std::string> names_;
};

}  // namespace suture::respond
