#include "respond/detector_expression.hpp"

#include <cctype>

namespace suture::respond {
namespace {

using Node = DetectorExpression::Node;

// Recursive descent: or := and ('||' and)*; and := unary ('&&' unary)*;
// unary := '!' unary | '(' or ')' | NAME.
class Parser {
public:
    Parser(std::string_view text, std::vector<std::string>& names) : s_(text), names_(names) {}

    Result<std::unique_ptr<Node>> whole() {
        SUTURE_TRY(n, parse_or());
        skip();
        if (i_ != s_.size()) return fail("unexpected '" + std::string(1, s_[i_]) + "'");
        return n;
    }

private:
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool eat(std::string_view tok) {
        skip();
        if (s_.substr(i_, tok.size()) != tok) return false;
        i_ += tok.size();
        return true;
    }
    Error fail(const std::string& what) const {
        return input_error("expression '" + std::string(s_) + "': column " + std::to_string(i_ + 1) + ": " + what);
    }
    static std::unique_ptr<Node> join(Node::Op op, std::unique_ptr<Node> a, std::unique_ptr<Node> b) {
        auto n = std::make_unique<Node>();
        n->op = op;
        n->a = std::move(a);
        n->b = std::move(b);
        return n;
    }
    Result<std::unique_ptr<Node>> parse_or() {
        SUTURE_TRY(left, parse_and());
        auto n = std::move(left);
        while (eat("||")) {
            SUTURE_TRY(right, parse_and());
            n = join(Node::Op::or_, std::move(n), std::move(right));
        }
        return n;
    }
    Result<std::unique_ptr<Node>> parse_and() {
        SUTURE_TRY(left, parse_unary());
        auto n = std::move(left);
        while (eat("&&")) {
            SUTURE_TRY(right, parse_unary());
            n = join(Node::Op::and_, std::move(n), std::move(right));
        }
        return n;
    }
    Result<std::unique_ptr<Node>> parse_unary() {
        if (++depth_ > 200) return fail("nested too deeply");
        struct Leave {
            int& d;
            ~Leave() { --d; }
        } leave{depth_};
        if (eat("!")) {
            SUTURE_TRY(inner, parse_unary());
            return join(Node::Op::not_, std::move(inner), nullptr);
        }
        if (eat("(")) {
            SUTURE_TRY(inner, parse_or());
            if (!eat(")")) return fail("expected ')'");
            return inner;
        }
        skip();
        size_t start = i_;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '-' ||
                                  s_[i_] == '.'))
            ++i_;
        if (start == i_) return fail("expected a detector name, '!' or '('");
        std::string name(s_.substr(start, i_ - start));
        auto n = std::make_unique<Node>();
        n->op = Node::Op::name;
        size_t k = 0;
        while (k < names_.size() && names_[k] != name) ++k;
        if (k == names_.size()) names_.push_back(name);
        n->name = k;
        return n;
    }

    std::string_view s_;
    std::vector<std::string>& names_;
    size_t i_ = 0;
    int depth_ = 0;
};

bool eval(const Node& n, const std::function<bool(size_t)>& value) {
    switch (n.op) {
        case Node::Op::name: return value(n.name);
        case Node::Op::not_: return !eval(*n.a, value);
        case Node::Op::and_: return eval(*n.a, value) && eval(*n.b, value);
        case Node::Op::or_: return eval(*n.a, value) || eval(*n.b, value);
    }
    return false;
}

}  // namespace

Result<DetectorExpression> DetectorExpression::parse(std::string_view text) {
    // Bounds the tree (and the recursion evaluating it).
    if (text.size() > 4096) return input_error("expression longer than 4096 characters");
    DetectorExpression e;
    Parser p(text, e.names_);
    SUTURE_TRY(root, p.whole());
    e.root_ = std::shared_ptr<const Node>(std::move(root));
    return e;
}

bool DetectorExpression::evaluate(const std::function<bool(size_t)>& value) const {
    return root_ && eval(*root_, value);
}

}  // namespace suture::respond
