// solc standard-JSON output (optionally with its input, as in build-info files).
#include "solidity/load.hpp"

namespace suture::solidity {

namespace {

// Did the compiler input ask for the storage layout of every contract? Foundry
// drops an empty storageLayout from its build-info, so absence then means empty.
bool layout_requested(const JsonRef* input) {
    if (!input) return false;
    auto settings = input->find("settings");
    auto sel = settings ? settings->find("outputSelection") : std::nullopt;
    if (!sel || !sel->is_object()) return false;
    for (const auto& [file, per_contract] : sel->json().items()) {
        if (file != "*" || !per_contract.is_object()) continue;
        auto all = per_contract.find("*");
        if (all == per_contract.end() || !all->is_array()) continue;
        for (const auto& o : *all)
            if (o == "storageLayout" || o == "*") return true;
    }
    return false;
}

const Json& empty_layout() {
    static const Json j = {{"storage", Json::array()}, {"types", Json::object()}};
    return j;
}

}  // namespace

Result<Build> build_from_standard_json(std::shared_ptr<const Json> doc, const JsonRef& output,
                                       const JsonRef* input, BuildFormat format,
                                       const std::string& source_root) {
    Build b;
    b.file = output.file();
    b.format = format;
    b.docs.push_back(doc);
    SUTURE_CHECK(output.expect_object());

    if (auto errors = output.find("errors")) {
        SUTURE_CHECK(errors->expect_array());
        for (size_t i = 0; i < errors->size(); ++i) {
            SUTURE_TRY(e, errors->at(i));
            if (auto sev = e.find("severity"); sev && sev->json() == "error") {
                std::string msg = "the compilation failed";
                if (auto m = e.find("message"); m && m->is_string()) msg += ": " + m->json().get<std::string>();
                return e.error(msg);
            }
        }
    }

    if (auto sources = output.find("sources")) {
        SUTURE_CHECK(sources->expect_object());
        for (auto it = sources->json().begin(); it != sources->json().end(); ++it) {
            JsonRef s = sources->child(*it, it.key());
            SUTURE_CHECK(s.expect_object());
            SourceFile f;
            f.path = it.key();
            SUTURE_TRY(idref, s.at("id"));
            SUTURE_TRY(id, idref.integer());
            f.id = id;
            if (auto ast = s.find("ast")) {
                SUTURE_CHECK(ast->expect_object());
                f.ast = &ast->json();
            }
            b.sources.push_back(std::move(f));
        }
    }
    if (input) {
        if (auto in_sources = input->find("sources")) {
            SUTURE_CHECK(in_sources->expect_object());
            for (auto& f : b.sources) {
                auto src = in_sources->find(f.path);
                if (!src) continue;
                if (auto content = src->find("content")) {
                    SUTURE_TRY(text, content->str());
                    f.content = std::move(text);
                    f.has_content = true;
                }
            }
        }
    }

    const bool requested = layout_requested(input);
    if (auto contracts = output.find("contracts")) {
        SUTURE_CHECK(contracts->expect_object());
        for (auto fit = contracts->json().begin(); fit != contracts->json().end(); ++fit) {
            JsonRef file = contracts->child(*fit, fit.key());
            SUTURE_CHECK(file.expect_object());
            for (auto cit = fit->begin(); cit != fit->end(); ++cit) {
                JsonRef cj = file.child(*cit, cit.key());
                SUTURE_CHECK(cj.expect_object());
                Contract c;
                c.name = cit.key();
                c.source = fit.key();
                c.where = cj.file() + ": " + cj.path();
                SUTURE_TRY(abi, read_abi(cj));
                c.abi = std::move(abi);
                if (auto evm = cj.find("evm")) {
                    SUTURE_CHECK(evm->expect_object());
                    SUTURE_TRY(code, read_code_object(*evm, "bytecode", c.link_references, nullptr));
                    SUTURE_TRY(dcode, read_code_object(*evm, "deployedBytecode", c.deployed_link_references,
                                                      &c.immutable_references));
                    c.bytecode = std::move(code);
                    c.deployed_bytecode = std::move(dcode);
                    SUTURE_CHECK(check_code_pair(*evm, c));
                }
                if (auto layout = cj.find("storageLayout")) {
                    SUTURE_CHECK(layout->expect_object());
                    c.storage_layout = *layout;
                } else if (requested) {
                    c.storage_layout = cj.child(empty_layout(), "storageLayout");
                }
                b.contracts.push_back(std::move(c));
            }
        }
    }
    index_build(b);
    read_missing_sources(b, source_root);
    return b;
}

}  // namespace suture::solidity
