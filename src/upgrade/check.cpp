#include "upgrade/check.hpp"

#include <algorithm>

#include "solidity/ast.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/executed_checks.hpp"
#include "upgrade/layout_compare.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

namespace {

std::string qualified(const solidity::ContractRef& r) { return r.contract->source + ":" + r.contract->name; }

Status usable(const solidity::ContractRef& r) {
    SUTURE_CHECK(solidity::require_analysis_data(*r.build, *r.contract));
    // A malformed AST (a non-string contractKind) must not throw: read it as the AST helpers do.
    std::string kind(solidity::str_field(*r.contract->node, "contractKind"));
    if (kind.empty()) kind = "contract";
    if (kind != "contract")
        return usage_error(qualified(r) + " is a" + (kind == "interface" ? "n " : " ") + kind +
                           ", not a contract that can be an implementation");
    return {};
}

void sort_findings(Findings& fs) {
    std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.suppressed, a.location.file, a.location.line, a.location.column) <
               std::tie(b.suppressed, b.location.file, b.location.line, b.location.column);
    });
}

// Severities that depend on what is checked: an implementation left open to
// initialization is an error only for the contract being deployed
// (CheckOptions::deployed); a removed function only when the ABI is frozen.
void apply_deployment_policy(const CheckOptions& opt, Findings& fs) {
    for (auto& f : fs) {
        if (!opt.deployed && (f.code == "initializer-not-disabled" || f.code == "exec-implementation-initializable"))
            f.severity = Severity::warning;
        if (opt.abi_frozen && f.code == "abi-function-removed") f.severity = Severity::error;
    }
}

void run_code_rules(const Target& t, const Target* old, const CheckOptions& opt, Findings& out) {
    check_state_rules(t, out);
    check_unsafe_calls(t, out);
    check_initializers(t, old, out);
    check_upgrade_path(t, opt.proxy, out);
    check_selectors(t, opt.proxy, opt.facets, out);
    check_reserved_slots(t, out);
}

}  // namespace

Result<CheckReport> check_upgrade(const solidity::ContractRef& old_impl, const solidity::ContractRef& new_impl,
                                  const CheckOptions& opt) {
    SUTURE_CHECK(usable(old_impl));
    SUTURE_CHECK(usable(new_impl));
    SUTURE_TRY(old_storage, solidity::load_storage(*old_impl.build, *old_impl.contract));
    SUTURE_TRY(new_storage, solidity::load_storage(*new_impl.build, *new_impl.contract));
    CodeModel old_code(*old_impl.build, *old_impl.contract->node);
    CodeModel new_code(*new_impl.build, *new_impl.contract->node);
    Target ot{*old_impl.build, *old_impl.contract, old_storage, old_code};
    Target nt{*new_impl.build, *new_impl.contract, new_storage, new_code};

    CheckReport r;
    r.old_contract = qualified(old_impl);
    r.new_contract = qualified(new_impl);
    compare_storage({old_impl.build, &old_storage}, {new_impl.build, &new_storage}, r.findings, r.layout);
    run_code_rules(nt, &ot, opt, r.findings);
    diff_abi(*old_impl.contract, *new_impl.contract, new_code, r.abi, r.findings);
    if (opt.execute) SUTURE_CHECK(check_executed(nt, &ot, opt, r.findings));
    apply_deployment_policy(opt, r.findings);
    sort_findings(r.findings);
    return r;
}

Result<CheckReport> check_implementation(const solidity::ContractRef& impl, const CheckOptions& opt) {
    SUTURE_CHECK(usable(impl));
    SUTURE_TRY(storage, solidity::load_storage(*impl.build, *impl.contract));
    CodeModel code(*impl.build, *impl.contract->node);
    Target t{*impl.build, *impl.contract, storage, code};
    CheckReport r;
    r.new_contract = qualified(impl);
    run_code_rules(t, nullptr, opt, r.findings);
    if (opt.execute) SUTURE_CHECK(check_executed(t, nullptr, opt, r.findings));
    apply_deployment_policy(opt, r.findings);
    sort_findings(r.findings);
    return r;
}

}  // namespace suture::upgrade
