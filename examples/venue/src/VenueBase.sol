// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {PriceOracle} from "./PriceOracle.sol";

/// A perpetuals venue behind a UUPS proxy. Liquidity providers deposit collateral into a pool for
/// shares; the pool is the counterparty of traders, who post margin and open one long or short
/// position each, settled in collateral against the oracle's price: the pool pays traders' profits
/// and takes their losses and the fees. Under-collateralized positions are liquidated by anyone for
/// a reward. The owner (a TimelockController) upgrades and unpauses; the guardian (PAUSER_ROLE) pauses.
///
/// Books: the venue owes `poolAssets` to the liquidity providers and `totalTraderCollateral` (free
/// margin plus the collateral of open positions) to the traders; its collateral balance covers both.
/// The exit of liquidity (withdraw) is left to the versions.
abstract contract VenueBase is Initializable, UUPSUpgradeable, OwnableUpgradeable, AccessControlUpgradeable,
    PausableUpgradeable
{
    using SafeERC20 for IERC20;

    struct Position {
        int256 size;         // notional in collateral units: > 0 long, < 0 short
        uint256 collateral;  // posted margin after the opening fee
        uint256 entryPrice;
    }

    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    uint256 public constant BPS = 10_000;
    uint256 public constant MAX_LEVERAGE = 10;
    uint256 public constant MAINTENANCE_BPS = 500;        // 5% of the notional
    uint256 public constant LIQUIDATION_REWARD_BPS = 1_000;  // 10% of the collateral

    IERC20 public collateralToken;
    PriceOracle public oracle;
    address public treasury;
    uint256 public feeBps;
    uint256 public totalShares;
    uint256 public poolAssets;
    uint256 public totalTraderCollateral;
    mapping(address => uint256) public sharesOf;
    mapping(address => uint256) public margin;
    mapping(address => Position) public positions;

    event Deposit(address indexed provider, uint256 assets, uint256 shares);
    event Withdraw(address indexed provider, uint256 shares, uint256 assets);
    event SharesTransferred(address indexed from, address indexed to, uint256 shares);
    event MarginDeposited(address indexed trader, uint256 amount);
    event MarginWithdrawn(address indexed trader, uint256 amount);
    event PositionOpened(address indexed trader, int256 size, uint256 collateral, uint256 price, uint256 fee);
    event PositionClosed(address indexed trader, int256 pnl, uint256 fee, uint256 payout, uint256 price);
    event Liquidated(address indexed trader, address indexed liquidator, uint256 price, uint256 reward);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// Every parent's initializer and the venue's settings; each version's initialize() calls it.
    function __VenueBase_init(IERC20 token, PriceOracle oracle_, address owner_, address guardian, address treasury_,
                              uint256 feeBps_) internal onlyInitializing {
        __UUPSUpgradeable_init();
        __Ownable_init(owner_);
        __AccessControl_init();
        __Pausable_init();
        _grantRole(DEFAULT_ADMIN_ROLE, owner_);
        _grantRole(PAUSER_ROLE, guardian);
        require(feeBps_ <= 100, "Venue: fee too high");
        collateralToken = token;
        oracle = oracle_;
        treasury = treasury_;
        feeBps = feeBps_;
    }

    // ---- liquidity providers ----

    function deposit(uint256 assets) external whenNotPaused returns (uint256 shares) {
        shares = _toShares(assets);
        require(shares > 0, "Venue: zero shares");
        collateralToken.safeTransferFrom(msg.sender, address(this), assets);
        sharesOf[msg.sender] += shares;
        totalShares += shares;
        poolAssets += assets;
        emit Deposit(msg.sender, assets, shares);
    }

    function withdraw(uint256 shares) public virtual returns (uint256 assets);

    function transferShares(address to, uint256 shares) external whenNotPaused {
        require(sharesOf[msg.sender] >= shares, "Venue: insufficient shares");
        sharesOf[msg.sender] -= shares;
        sharesOf[to] += shares;
        emit SharesTransferred(msg.sender, to, shares);
    }

    function convertToShares(uint256 assets) external view returns (uint256) {
        return _toShares(assets);
    }

    function convertToAssets(uint256 shares) external view returns (uint256) {
        return _toAssets(shares);
    }

    // ---- traders ----

    function depositMargin(uint256 amount) external whenNotPaused {
        require(amount > 0, "Venue: zero amount");
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        margin[msg.sender] += amount;
        totalTraderCollateral += amount;
        emit MarginDeposited(msg.sender, amount);
    }

    function withdrawMargin(uint256 amount) external whenNotPaused {
        require(amount > 0 && amount <= margin[msg.sender], "Venue: insufficient margin");
        margin[msg.sender] -= amount;
        totalTraderCollateral -= amount;
        collateralToken.safeTransfer(msg.sender, amount);
        emit MarginWithdrawn(msg.sender, amount);
    }

    function openPosition(bool isLong, uint256 collateral, uint256 size) external whenNotPaused {
        require(positions[msg.sender].size == 0, "Venue: position already open");
        require(collateral > 0 && collateral <= margin[msg.sender], "Venue: insufficient margin");
        require(size > 0 && size <= collateral * MAX_LEVERAGE, "Venue: leverage too high");
        uint256 fee = _fee(size);
        require(fee < collateral, "Venue: fee exceeds collateral");
        uint256 price = oracle.latestPrice();
        margin[msg.sender] -= collateral;
        totalTraderCollateral -= fee;
        poolAssets += fee;
        int256 signedSize = isLong ? int256(size) : -int256(size);
        positions[msg.sender] = Position(signedSize, collateral - fee, price);
        emit PositionOpened(msg.sender, signedSize, collateral - fee, price, fee);
    }

    /// Settles the position at the oracle's price into the trader's margin: the pool pays the profit
    /// (up to what it holds) and takes the loss and the closing fee.
    function closePosition() external whenNotPaused returns (uint256 payout) {
        Position memory p = positions[msg.sender];
        require(p.size != 0, "Venue: no position");
        uint256 price = oracle.latestPrice();
        int256 pnl = _pnl(p, price);
        uint256 fee = _fee(_abs(p.size));
        delete positions[msg.sender];
        int256 value = int256(p.collateral) + pnl - int256(fee);
        payout = value > 0 ? uint256(value) : 0;
        if (payout > p.collateral) {
            uint256 profit = Math.min(payout - p.collateral, poolAssets);
            payout = p.collateral + profit;
            poolAssets -= profit;
            totalTraderCollateral += profit;
        } else {
            poolAssets += p.collateral - payout;
            totalTraderCollateral -= p.collateral - payout;
        }
        margin[msg.sender] += payout;
        emit PositionClosed(msg.sender, pnl, fee, payout, price);
    }

    /// A position whose equity fell under the maintenance margin goes to the pool; the liquidator
    /// is paid a share of its collateral.
    function liquidate(address trader) external whenNotPaused returns (uint256 reward) {
        Position memory p = positions[trader];
        require(p.size != 0, "Venue: no position");
        uint256 price = oracle.latestPrice();
        require(_isLiquidatable(p, price), "Venue: position is healthy");
        delete positions[trader];
        reward = p.collateral * LIQUIDATION_REWARD_BPS / BPS;
        totalTraderCollateral -= p.collateral;
        poolAssets += p.collateral - reward;
        collateralToken.safeTransfer(msg.sender, reward);
        emit Liquidated(trader, msg.sender, price, reward);
    }

    function pnlOf(address trader) external view returns (int256) {
        return _pnl(positions[trader], oracle.latestPrice());
    }

    function isLiquidatable(address trader) external view returns (bool) {
        Position memory p = positions[trader];
        return p.size != 0 && _isLiquidatable(p, oracle.latestPrice());
    }

    // ---- books ----

    function totalAssets() external view returns (uint256) {
        return poolAssets;
    }

    function totalOwed() external view returns (uint256) {
        return poolAssets + totalTraderCollateral;
    }

    function collateralBalance() external view returns (uint256) {
        return collateralToken.balanceOf(address(this));
    }

    // ---- administration ----

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    function setFee(uint256 feeBps_) external onlyOwner {
        require(feeBps_ <= 100, "Venue: fee too high");
        feeBps = feeBps_;
    }

    function version() external pure virtual returns (string memory);

    // ---- internals ----

    function _authorizeUpgrade(address) internal override onlyOwner {}

    /// Shares for `assets`, rounded down (the pool's favour), with one virtual share and asset so the
    /// first deposit cannot be front-run by a donation.
    function _toShares(uint256 assets) internal view virtual returns (uint256) {
        return Math.mulDiv(assets, totalShares + 1, poolAssets + 1);
    }

    function _toAssets(uint256 shares) internal view returns (uint256) {
        return Math.mulDiv(shares, poolAssets + 1, totalShares + 1);
    }

    function _fee(uint256 size) internal view returns (uint256) {
        return size * feeBps / BPS;
    }

    function _pnl(Position memory p, uint256 price) internal pure returns (int256) {
        if (p.size == 0) return 0;
        return p.size * (int256(price) - int256(p.entryPrice)) / int256(p.entryPrice);
    }

    function _isLiquidatable(Position memory p, uint256 price) internal pure returns (bool) {
        return int256(p.collateral) + _pnl(p, price) < int256(_abs(p.size) * MAINTENANCE_BPS / BPS);
    }

    function _abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}
