# Suture: the two Quick-start commands are `make demo` and `make test`.
# Each sets up what is missing (scripts/setup.sh), builds, then runs.
JOBS ?= $(shell nproc)
BUILD ?= build
SHARED ?= $(abspath ../shared)
export SUTURE_SHARED ?= $(SHARED)
# ccache: hash paths relative to the checkout so a fresh clone elsewhere hits the cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: setup build demo test test-asan fuzz bench clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: `suture demo` (scripts/demo.sh).
demo: build
	@bash scripts/demo.sh $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSUTURE_SANITIZE=ON -DSUTURE_BENCH=OFF >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS) -L unit

# libFuzzer targets (clang), each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: setup
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DSUTURE_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzzers
	@bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# Every benchmark in one table, each next to its target (bench/table.sh, bench/targets.tsv).
bench: build
	@cmake --build $(BUILD) --target check_oz_upgradeable
	@bash bench/table.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz
