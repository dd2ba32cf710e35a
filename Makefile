# plusone: the two commands a newcomer needs are `make run` and `make test`.
#   make        build build/plusone (and tools)
#   make test   build the release binary (as make run does: it must build
#               warning-free too) and one with AddressSanitizer and UBSan,
#               run every test; the last line is "N passed, N failed"
#   make run    build, create plusone.db with the demo data if absent, print
#               the demo logins, and serve the web interface on 127.0.0.1:8080
#               (PORT=8081 for another port; PLUSONE_LISTEN=ADDR:PORT is
#               honoured when PORT is not given)
#   make bench  run the benchmarks in bench/ (long)
#   make fuzz   build the fuzz targets with libFuzzer (clang) into build-fuzz/

MESON ?= meson
NINJA ?= ninja
DB ?= plusone.db
PORT ?=

.PHONY: all deps test run bench fuzz clean

all: deps build/build.ninja
	$(NINJA) -C build

deps:
	@scripts/install-deps

build/build.ninja:
	$(MESON) setup build --buildtype=release -Db_ndebug=false >/dev/null

build-test/build.ninja:
	$(MESON) setup build-test --buildtype=debug -Db_sanitize=address,undefined \
		-Db_lundef=false >/dev/null

test: deps build-test/build.ninja build/build.ninja
	$(NINJA) -C build >/dev/null
	$(NINJA) -C build-test >/dev/null
	@tests/run-all build-test

run: all
	@PORT=$(PORT) scripts/demo-run build/plusone $(DB)

bench: all
	@bench/run-all build

fuzz: deps
	@scripts/build-fuzz

clean:
	rm -rf build build-test build-fuzz
