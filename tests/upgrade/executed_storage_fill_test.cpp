// Storage populated per the old layout reads back through the old version's
// own getters as the documented values: distinct numbers in layout order, the
// caller for addresses, short and long strings, mapping keys, array elements
// and struct members where solc's storage encoding puts them.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "core/abi_decode.hpp"
#include "upgrade/executed_deploy.hpp"
#include "upgrade/executed_proxy.hpp"
#include "upgrade/executed_storage_fill.hpp"

namespace suture::upgrade {
namespace {

class StorageFill : public ::testing::Test {
protected:
    void SetUp() override {
        auto ref = solidity::find_contract(test::pairs_solc(), "pairs/exec_storage_append.sol:V1");
        ASSERT_TRUE(ref.ok()) << ref.error().message;
        auto storage = solidity::load_storage(*ref->build, *ref->contract);
        ASSERT_TRUE(storage.ok());
        Deployer d(chain);
        auto impl = d.deploy(*ref->build, *ref->contract);
        ASSERT_TRUE(impl.ok() && impl->address) << (impl.ok() ? impl->failure : impl.error().message);
        auto proxy_out = chain.create(erc1967_proxy_initcode(*impl->address));
        ASSERT_TRUE(proxy_out.ok() && proxy_out->created);
        proxy = *proxy_out->created;
        samples = make_samples(chain.caller());
        populate_storage(chain, proxy, *storage, samples);
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

}  // namespace
}  // namespace suture::upgrade
