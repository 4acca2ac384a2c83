# vsgx — the two commands a user needs are `make demo` and `make check`.
PREFIX ?= /usr/local
JOBS   ?= $(shell nproc)
BUILD  := build
CHECK  := build-check
FUZZ   := build-fuzz
CMAKE_FLAGS ?=

.PHONY: all deps build demo check bench fuzz install clean

all: build

deps:
	@./scripts/install-deps

$(BUILD)/Makefile: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./scripts/demo $(BUILD)

check: deps
	cmake -S . -B $(CHECK) -DCMAKE_BUILD_TYPE=Debug -DVSGX_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(CHECK) -j $(JOBS)
	cd $(CHECK) && ctest --output-on-failure -j $(JOBS)

bench: build
	./scripts/install-deps bench
	./bench/run $(BUILD)
	./bench/run-sign $(BUILD)
	./bench/run-pcs $(BUILD)
	./bench/run-runtime $(BUILD)
	./bench/run-services $(BUILD)

fuzz: deps
	./scripts/install-deps fuzz
	CC=clang cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVSGX_FUZZ=ON
	cmake --build $(FUZZ) -j $(JOBS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(CHECK) $(FUZZ)
