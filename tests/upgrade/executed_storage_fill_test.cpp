// Storage populated per the old layout reads back through the old version's
// own getters as the documented values: distinct numbers in layout order, the
// caller for addresses (working values) or an address per variable (distinct
// values), short and long strings, mapping keys, array elements and struct
// members where solc's storage encoding puts them.
#include <gtest/gtest.h>

#include <set>

#include "check_fixture.hpp"
#include "core/abi_decode.hpp"
#include "core/abi_json.hpp"
#include "core/hex.hpp"
#include "upgrade/executed_deploy.hpp"
#include "upgrade/executed_proxy.hpp"
#include "upgrade/executed_storage_fill.hpp"

namespace suture::upgrade {
namespace {

class StorageFill : public ::testing::Test {
protected:
    void SetUp() override { deploy(FillValues::working); }

    // A proxy over exec_storage_append's V1 on a fresh chain, filled with each
    // of `fills` in turn.
    void deploy(std::initializer_list<FillValues> fills) {
        auto ref = solidity::find_contract(test::pairs_solc(), "pairs/exec_storage_append.sol:V1");
        ASSERT_TRUE(ref.ok()) << ref.error().message;
        auto storage = solidity::load_storage(*ref->build, *ref->contract);
        ASSERT_TRUE(storage.ok());
        abi = ref->contract->abi;
        chain = ScratchChain();
        Deployer d(chain);
        auto impl = d.deploy(*ref->build, *ref->contract);
        ASSERT_TRUE(impl.ok() && impl->address) << (impl.ok() ? impl->failure : impl.error().message);
        auto proxy_out = chain.create(erc1967_proxy_initcode(*impl->address));
        ASSERT_TRUE(proxy_out.ok() && proxy_out->created);
        proxy = *proxy_out->created;
        samples = make_samples(chain.caller());
        for (FillValues v : fills) filled = populate_storage(chain, proxy, *storage, samples, v);
    }
    void deploy(FillValues v) { deploy({v}); }

    // The answer of every getter of V1 at every sample argument list, as hex.
    std::vector<std::string> all_answers() {
        std::vector<std::string> out;
        for (const auto& e : abi.entries) {
            if (e.kind != abi::EntryKind::function) continue;
            std::vector<abi::AbiType> types;
            for (const auto& p : e.inputs) types.push_back(p.type);
            for (const auto& args : sample_argument_lists(types, samples, 16)) {
                auto data = abi::encode_call(e.signature(), args);
                EXPECT_TRUE(data.ok()) << e.name;
                auto r = chain.call(proxy, *data, false);
                EXPECT_TRUE(r.ok()) << e.name;
                out.push_back(e.name + (r->ok() ? " = " : " reverted ") + to_hex(r->output));
            }
        }
        return out;
    }

    // Calls "name(inputs)(outputs)" through the proxy; nullopt when it reverts.
    std::optional<std::vector<abi::AbiValue>> get(const std::string& sig, const std::vector<abi::AbiValue>& args = {}) {
        auto s = abi::parse_signature(sig);
        EXPECT_TRUE(s.ok()) << sig;
        auto data = abi::encode_call(*s, args);
        EXPECT_TRUE(data.ok()) << sig;
        auto r = chain.call(proxy, *data, false);
        EXPECT_TRUE(r.ok());
        if (!r->ok()) return std::nullopt;
        auto v = abi::decode(s->output_types(), r->output);
        EXPECT_TRUE(v.ok()) << sig << ": " << v.error().message;
        return *v;
    }
    uint256 num(const std::string& sig, const std::vector<abi::AbiValue>& args = {}) {
        auto v = get(sig, args);
        return v ? (*v)[0].as_uint() : uint256(0xdead);
    }

    ScratchChain chain;
    Address proxy;
    SampleSet samples;
    abi::ContractAbi abi;
    FilledVariables filled;  // of the last fill
};

TEST_F(StorageFill, ValueTypesGetDistinctValuesInLayoutOrder) {
    EXPECT_EQ(num("small()(uint8)"), uint256(1));
    EXPECT_EQ(num("signedSmall()(int32)"), uint256(2));
    EXPECT_EQ(get("enabled()(bool)")->at(0).as_bool(), true);
    EXPECT_EQ(get("owner()(address)")->at(0).as_address(), chain.caller());
    EXPECT_EQ(get("tag()(bytes4)")->at(0).as_bytes(), (Bytes{0, 0, 0, 5}));
    EXPECT_EQ(num("mode()(uint8)"), uint256(1));  // 1 + 6 % 2: a valid member, not the default
}

TEST_F(StorageFill, StringsAndBytesUseTheShortAndTheLongEncoding) {
    EXPECT_EQ(get("name()(string)")->at(0).as_string(), "suture name 7");
    std::string desc = get("description()(string)")->at(0).as_string();
    EXPECT_EQ(desc.rfind("suture description 8", 0), 0u) << desc;
    EXPECT_GE(desc.size(), 32u);  // stored out of the slot, at keccak256(slot)
    auto blob = get("blob()(bytes)")->at(0).as_bytes();
    EXPECT_EQ(std::string(blob.begin(), blob.end()), "suture blob 9");
}

TEST_F(StorageFill, ArraysStructsAndMappingsAreFilledWhereSolcLooks) {
    EXPECT_EQ(num("fixedList(uint256)(uint256)", {uint256(0)}), uint256(10));
    EXPECT_EQ(num("fixedList(uint256)(uint256)", {uint256(2)}), uint256(12));
    EXPECT_EQ(num("list(uint256)(uint256)", {uint256(1)}), uint256(14));
    EXPECT_FALSE(get("list(uint256)(uint256)", {uint256(2)}));  // two elements: index 2 is out of bounds
    auto pos = get("pos()(uint128,uint64,bool,address)");
    ASSERT_TRUE(pos);
    EXPECT_EQ((*pos)[0].as_uint(), uint256(15));
    EXPECT_EQ((*pos)[1].as_uint(), uint256(16));
    EXPECT_TRUE((*pos)[2].as_bool());
    EXPECT_EQ((*pos)[3].as_address(), chain.caller());
    EXPECT_EQ(num("balances(address)(uint256)", {chain.caller()}), uint256(19));
    EXPECT_EQ(num("balances(address)(uint256)", {samples.other}), uint256(20));
    EXPECT_EQ(num("balances(address)(uint256)", {Address{}}), uint256(0));  // not a sample key
    EXPECT_TRUE(get("allowed(uint256,address)(bool)", {uint256(1), samples.other})->at(0).as_bool());
    EXPECT_NE(num("codes(string)(uint16)", {std::string("b")}), uint256(0));
}

// Distinct values: the numbers and strings are those of the working values;
// each address variable, struct member and mapping value gets its own address,
// bools alternate, and no working flag is kept.
TEST_F(StorageFill, DistinctValuesGiveEveryAddressAndBoolItsOwnValue) {
    deploy(FillValues::distinct);
    EXPECT_EQ(num("small()(uint8)"), uint256(1));
    EXPECT_EQ(num("signedSmall()(int32)"), uint256(2));
    EXPECT_TRUE(get("enabled()(bool)")->at(0).as_bool());                             // the first bool
    EXPECT_EQ(get("owner()(address)")->at(0).as_address(), distinct_address(4));  // the 4th value
    EXPECT_EQ(get("tag()(bytes4)")->at(0).as_bytes(), (Bytes{0, 0, 0, 5}));
    EXPECT_EQ(num("mode()(uint8)"), uint256(1));
    EXPECT_EQ(get("name()(string)")->at(0).as_string(), "suture name 7");
    auto pos = get("pos()(uint128,uint64,bool,address)");
    ASSERT_TRUE(pos);
    EXPECT_EQ((*pos)[0].as_uint(), uint256(15));
    EXPECT_FALSE((*pos)[2].as_bool());  // the second bool
    EXPECT_EQ((*pos)[3].as_address(), distinct_address(18));
    EXPECT_EQ(num("balances(address)(uint256)", {chain.caller()}), uint256(19));
    // allowed(uint256,address) holds the 3rd to 6th bools: true, false, true, false.
    EXPECT_TRUE(get("allowed(uint256,address)(bool)", {uint256(0), chain.caller()})->at(0).as_bool());
    EXPECT_FALSE(get("allowed(uint256,address)(bool)", {uint256(0), samples.other})->at(0).as_bool());
    EXPECT_TRUE(get("allowed(uint256,address)(bool)", {uint256(1), chain.caller()})->at(0).as_bool());
    EXPECT_FALSE(get("allowed(uint256,address)(bool)", {uint256(1), samples.other})->at(0).as_bool());

    // Every address read back differs from the others, is not an account the
    // scratch chain uses (caller, second key, contracts) and is no precompile.
    std::set<Address> seen{get("owner()(address)")->at(0).as_address(), (*pos)[3].as_address()};
    for (const Bytes32& key : {Bytes32{}, Bytes32{1}}) {
        auto p = get("positions(bytes32)(uint128,uint64,bool,address)", {Bytes(key.begin(), key.end())});
        ASSERT_TRUE(p);
        seen.insert((*p)[3].as_address());
    }
    EXPECT_EQ(seen.size(), 4u);
    for (const Address& a : seen) {
        EXPECT_NE(a, chain.caller());
        EXPECT_NE(a, samples.other);
        EXPECT_NE(a, proxy);
        EXPECT_FALSE(chain.has_code(a)) << to_checksum(a);
        EXPECT_GT(uint256::from_be(BytesView(a.bytes.data(), a.bytes.size())), uint256(0xffff));
    }
}

// Each number, address and bytesN value names the variable it went into;
// the working values share the caller between addresses, which then name none.
TEST_F(StorageFill, FilledValuesNameTheVariableHoldingThem) {
    ASSERT_TRUE(filled.holder(uint256(1)));
    EXPECT_EQ(*filled.holder(uint256(1)), "small");
    EXPECT_FALSE(filled.holder(uint256::from_be(BytesView(chain.caller().bytes.data(), 20))));
    deploy(FillValues::distinct);
    const Address owner = distinct_address(4);
    ASSERT_TRUE(filled.holder(uint256::from_be(BytesView(owner.bytes.data(), 20))));
    EXPECT_EQ(*filled.holder(uint256::from_be(BytesView(owner.bytes.data(), 20))), "owner");
    ASSERT_TRUE(filled.holder(uint256(5)));
    EXPECT_EQ(*filled.holder(uint256(5)), "tag");           // bytes4 0x00000005
    ASSERT_TRUE(filled.holder(uint256(19)));
    EXPECT_EQ(*filled.holder(uint256(19)), "balances");     // a mapping value: the mapping
    ASSERT_TRUE(filled.holder(uint256(16)));
    EXPECT_EQ(*filled.holder(uint256(16)), "pos");          // a struct member: the struct variable
    EXPECT_FALSE(filled.holder(uint256(0)));
    EXPECT_FALSE(filled.holder(uint256(0xdead)));
}

TEST_F(StorageFill, DistinctAddressesAreNumberedAfterAFixedPrefix) {
    EXPECT_EQ(to_checksum(distinct_address(1)), to_checksum(parse_address("0xa000000000000000000000000000000000000001").value()));
    EXPECT_EQ(distinct_address(0x0102).bytes[18], 0x01);
    EXPECT_NE(distinct_address(1), distinct_address(2));
    EXPECT_FALSE(distinct_address(1).is_zero());
}

// The executed checks read back the distinct values and then restore the
// working ones for the UUPS upgrade: both fills write the same slots.
TEST_F(StorageFill, WorkingValuesAfterDistinctOnesLeaveTheWorkingState) {
    std::vector<std::string> working = all_answers();
    deploy(FillValues::distinct);
    std::vector<std::string> distinct = all_answers();
    deploy({FillValues::distinct, FillValues::working});
    std::vector<std::string> restored = all_answers();
    EXPECT_EQ(working.size(), 24u);
    EXPECT_EQ(restored, working);
    EXPECT_NE(distinct, working);
}

}  // namespace
}  // namespace suture::upgrade
