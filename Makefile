# kytos & caspian: small filters that turn cluster state into optimisation
# models, solve them and turn the answers back into actions.
#
# Every cmd/<tool>.c becomes $(BUILD)/bin/<tool>, every lib/*.c goes into
# $(BUILD)/libkytos.a, every tests/test_*.c is a unit test, every
# testdata/<tool>/ holds golden cases, every bench/*.sh is a benchmark.
# Nothing here needs editing when a tool, module or test is added.

include config.mk

CMDS    := $(basename $(notdir $(wildcard cmd/*.c)))
LIBSRC  := $(wildcard lib/*.c)
LIBOBJ  := $(LIBSRC:%.c=$(BUILD)/%.o)
UNITS   := $(basename $(notdir $(wildcard tests/test_*.c)))
BINS    := $(CMDS:%=$(BUILD)/bin/%)
UNITBIN := $(UNITS:%=$(BUILD)/tests/%)
SCRIPTS := $(filter-out scripts/install-deps scripts/run-tests scripts/demo, \
	$(wildcard scripts/*))
MANS    := $(wildcard man/*.1)
ALLCFLAGS = $(WARN) $(CFLAGS) $(CPPFLAGS) -iquote lib -MMD -MP

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

all: $(BINS) $(UNITBIN)

$(BUILD)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/libkytos.a: $(LIBOBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(BUILD)/libkytos.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkytos.a $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libkytos.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkytos.a $(LDLIBS)

deps:
	@scripts/install-deps

# Unit and golden tests on the normal build, then again under ASan/UBSan,
# then mandoc lint.  The runner prints TAP and one closing
# "N passed, N failed" line for everything.
check: deps
	$(MAKE) all
	$(MAKE) all BUILD=build-asan CFLAGS='$(ASAN_FLAGS)' \
		LDFLAGS='-fsanitize=address,undefined'
	scripts/run-tests build build-asan

lint-man:
	@for m in $(MANS); do mandoc -Tlint -W warning $$m || exit 1; done

demo: deps all
	@scripts/demo $(BUILD)/bin

bench: deps all
	@for b in bench/*.sh; do echo "== $$b"; BIN=$(BUILD)/bin sh $$b || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1
	cp -f $(BINS) $(SCRIPTS) $(DESTDIR)$(PREFIX)/bin/
	cp -f $(MANS) $(DESTDIR)$(MANPREFIX)/man1/

uninstall:
	for t in $(CMDS) $(notdir $(SCRIPTS)); do rm -f $(DESTDIR)$(PREFIX)/bin/$$t; done
	for m in $(notdir $(MANS)); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$$m; done

clean:
	rm -rf build build-asan

.PHONY: all deps check lint-man demo bench install uninstall clean
.SECONDARY:

-include $(wildcard $(BUILD)/*/*.d)
