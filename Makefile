# ads -- Makefile (GNU make)
#
# Tools are found, not listed: tools/ads-NAME.c is a one-file tool and
# tools/ads-NAME/ a tool of several files (main.c holds its main, the
# other files are also linked into its fuzz harnesses).  common/*.c is
# libads.a.  Objects go to build/rel, or build/san with SAN=1, so the two
# builds live side by side (B=DIR picks another).

include config.mk
-include config.local.mk

# md4c: common/markdown.c, the fetchers' one Markdown reader.
PKGS += md4c

ifeq ($(SAN),1)
B ?= build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
CFLAGS += -O1 $(SANFLAGS)
CXXFLAGS += -O1 $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
else
B ?= build/rel
endif
ifeq ($(DEVELOPER),1)
CFLAGS += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = $(CPPFLAGS) -DADS_VERSION='"$(VERSION)"' -I$(B)/gen $(PKG_CFLAGS)
# -lstdc++ for the C++ part of libads (CLD2's side of common/langid.cc);
# --as-needed links it only into the tools that use it.
LDLIBS = $(B)/libads.a $(JQLIBS) $(PKG_LIBS) $(EXTRA_LIBS) -lm -lstdc++

COMMONSRC = $(sort $(wildcard common/*.c))
COMMONCXX = $(sort $(wildcard common/*.cc))
COMMONHDR = $(sort $(wildcard common/*.h))
COMMONOBJ = $(COMMONSRC:%.c=$(B)/%.o) $(COMMONCXX:%.cc=$(B)/%.o)

ONEFILE = $(sort $(patsubst tools/%.c,%,$(wildcard tools/ads-*.c)))
MULTIDIR = $(sort $(patsubst tools/%/,%,$(dir $(wildcard tools/ads-*/*.c))))
TOOLS = $(ONEFILE) $(MULTIDIR)
SCRIPTS = $(sort $(notdir $(wildcard scripts/ads scripts/ads-*)))
BIN = $(addprefix $(B)/bin/,$(TOOLS) $(SCRIPTS))
MAN = $(sort $(wildcard man/*.[1-9]))

UNITSRC = $(sort $(wildcard tests/unit/test-*.c))
UNITBIN = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
HELPERSRC = $(sort $(wildcard tests/helpers/*.c))
HELPERBIN = $(HELPERSRC:tests/helpers/%.c=$(B)/tests/%)
BENCHSRC = $(sort $(wildcard bench/*.c))
BENCHBIN = $(BENCHSRC:bench/%.c=$(B)/bench/%)

all: $(BIN) $(UNITBIN) $(HELPERBIN) $(BENCHBIN)

$(B)/common/%.o: common/%.c $(COMMONHDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/common/%.o: common/%.cc $(COMMONHDR)
	@mkdir -p $(@D)
	$(CXX) $(ALL_CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(B)/libads.a: $(COMMONOBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMONOBJ)

$(B)/bin/%: tools/%.c $(B)/libads.a $(COMMONHDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# A tool of several files: every .c and .cc in its folder.
define multitool
$(1)_SRC = $$(sort $$(wildcard tools/$(1)/*.c))
$(1)_CXXSRC = $$(sort $$(wildcard tools/$(1)/*.cc))
$(1)_OBJ = $$($(1)_SRC:%.c=$(B)/%.o) $$($(1)_CXXSRC:%.cc=$(B)/%.o)
$(1)_HDR = $$(wildcard tools/$(1)/*.h)
$(1)_LD = $$(if $$($(1)_CXXSRC),$(CXX),$(CC))
$$(filter $(B)/tools/$(1)/%,$$($(1)_OBJ)): $$($(1)_HDR) $(COMMONHDR)
$(B)/bin/$(1): $$($(1)_OBJ) $(B)/libads.a
	@mkdir -p $$(@D)
	$$($(1)_LD) $(CFLAGS) $(LDFLAGS) -o $$@ $$($(1)_OBJ) $$(LDLIBS) \
	    $$(if $$($(1)_CXXSRC),-lstdc++)
endef
$(foreach t,$(MULTIDIR),$(eval $(call multitool,$(t))))

$(B)/tools/%.o: tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/tools/%.o: tools/%.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

# -h describes every option: each tool's main.c includes TOOL-help.h,
# the option list of man/TOOL.1 as rendered by mandoc (scripts/manhelp).
$(B)/gen/%-help.h: man/%.1 scripts/manhelp
	@mkdir -p $(@D)
	sh scripts/manhelp $< >$@.tmp && mv $@.tmp $@
$(foreach t,$(ONEFILE),$(eval $(B)/bin/$(t): $(B)/gen/$(t)-help.h))
$(foreach t,$(MULTIDIR),$(eval $(B)/tools/$(t)/main.o: $(B)/gen/$(t)-help.h))
# ads-args prints the driver's -h: the option list of man/ads.1 too.
$(B)/tools/ads-args/main.o: $(B)/gen/ads-help.h

# Kept: the scripts' rule below takes them, make would delete them.
.PRECIOUS: $(B)/gen/%-help.txt
$(B)/gen/%-help.txt: man/%.1 scripts/manhelp
	@mkdir -p $(@D)
	sh scripts/manhelp -t $< >$@.tmp && mv $@.tmp $@

# The scripts get the version of config.mk in place of @VERSION@, and
# their man page's option list in place of the line @HELP@.
$(B)/bin/%: scripts/% config.mk $(B)/gen/%-help.txt
	@mkdir -p $(@D)
	sed -e 's/@VERSION@/$(VERSION)/g' -e '/^@HELP@$$/{' \
	    -e 'r $(B)/gen/$*-help.txt' -e 'd' -e '}' $< >$@.tmp && \
	    chmod 755 $@.tmp && mv $@.tmp $@

$(B)/tests/%: tests/unit/%.c $(B)/libads.a $(COMMONHDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(B)/tests/%: tests/helpers/%.c $(B)/libads.a $(COMMONHDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(B)/bench/%: bench/%.c $(B)/libads.a $(COMMONHDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# The suite runs on whichever build SAN selects.
check test: all
	ADS_BUILD=$(B) ADS_SAN=$(SAN) sh tests/run $(TESTS)

bench: all
	ADS_BUILD=$(B) sh bench/run $(BENCH)

SHELLFILES = tests/run $(wildcard tests/*.sh tests/*/*.sh) bench/run \
	$(wildcard bench/*.sh) \
	$(filter-out %.txt %.py %.md %.json %.sql,$(wildcard scripts/*))

lint:
	mandoc -T lint -W warning $(MAN)
	shellcheck -s sh $(SHELLFILES)

# libFuzzer harnesses: fuzz/<tool>/<name>.c is linked with libads and
# with the tool's own files other than main.c; fuzz/common/<name>.c with
# libads only.  Each runs FUZZTIME seconds from its corpus
# fuzz/corpus/<tool>-<name>/; new inputs go to build/fuzz/new.  Any
# UndefinedBehaviorSanitizer report stops the run, as in SAN=1.
# fuzz-smoke is the short run CI makes: FUZZTIME 5 each.
FUZZTIME = 20
F = build/fuzz
FUZZSAN = -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
FUZZFLAGS = -g -O1 $(FUZZSAN)
FUZZSRC = $(sort $(wildcard fuzz/*/*.c))
FUZZBIN = $(foreach s,$(FUZZSRC),$(F)/bin/$(subst /,-,$(patsubst fuzz/%.c,%,$(s))))
FCOMMONOBJ = $(COMMONSRC:%.c=$(F)/%.o) $(COMMONCXX:%.cc=$(F)/%.o)

$(F)/%.o: %.c $(COMMONHDR)
	@mkdir -p $(@D)
	$(CLANG) $(ALL_CPPFLAGS) -std=c11 $(FUZZFLAGS) -DADS_FUZZ -c -o $@ $<

$(F)/%.o: %.cc $(COMMONHDR)
	@mkdir -p $(@D)
	$(CLANG) -x c++ $(ALL_CPPFLAGS) -std=c++17 $(FUZZFLAGS) -DADS_FUZZ \
	    -c -o $@ $<

$(F)/libads.a: $(FCOMMONOBJ)
	rm -f $@
	$(AR) rcs $@ $(FCOMMONOBJ)

define fuzzer
$(F)/bin/$(1)-$(2): fuzz/$(1)/$(2).c \
    $$(patsubst %.c,$(F)/%.o,$$(filter-out %/main.c,$$(wildcard tools/$(1)/*.c))) \
    $(F)/libads.a
	@mkdir -p $$(@D)
	$(CLANG) $(ALL_CPPFLAGS) -std=c11 -g -O1 \
	    -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -o $$@ $$^ \
	    $(JQLIBS) $(PKG_LIBS) $(EXTRA_LIBS) -lm -lstdc++
endef
$(foreach s,$(FUZZSRC),$(eval $(call fuzzer,$(word 2,$(subst /, ,$(s))),$(basename $(notdir $(s))))))

fuzz-smoke: FUZZTIME = 5
fuzz fuzz-smoke: $(FUZZBIN)
	@for f in $(FUZZBIN); do \
		n=$${f##*/}; mkdir -p fuzz/corpus/$$n $(F)/new/$$n; \
		echo "fuzz: $$n ($(FUZZTIME) s)"; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
		$$f -max_total_time=$(FUZZTIME) -max_len=65536 -timeout=10 \
		    -rss_limit_mb=2048 -print_final_stats=0 \
		    $(F)/new/$$n fuzz/corpus/$$n >$(F)/$$n.log 2>&1 || \
		    { tail -n 40 $(F)/$$n.log; exit 1; }; \
		tail -n 1 $(F)/$$n.log; \
	done

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	for f in $(TOOLS) $(SCRIPTS); do \
		cp -f $(B)/bin/$$f $(DESTDIR)$(PREFIX)/bin/ && \
		chmod 755 $(DESTDIR)$(PREFIX)/bin/$$f || exit 1; \
	done
	for m in $(MAN); do \
		s=$${m##*.}; mkdir -p $(DESTDIR)$(MANPREFIX)/man$$s && \
		cp -f $$m $(DESTDIR)$(MANPREFIX)/man$$s/ && \
		chmod 644 $(DESTDIR)$(MANPREFIX)/man$$s/$${m##*/} || exit 1; \
	done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp -f completion/ads.bash $(DESTDIR)$(BASHCOMPDIR)/ads
	cp -f completion/_ads $(DESTDIR)$(ZSHCOMPDIR)/_ads
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/ads $(DESTDIR)$(ZSHCOMPDIR)/_ads

uninstall:
	for f in $(TOOLS) $(SCRIPTS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$f; done
	for m in $(MAN); do \
		rm -f $(DESTDIR)$(MANPREFIX)/man$${m##*.}/$${m##*/}; \
	done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/ads $(DESTDIR)$(ZSHCOMPDIR)/_ads

demo: all
	ADS_BUILD=$(B) sh scripts/demo

clean:
	rm -rf build

.PHONY: all check test bench lint fuzz fuzz-smoke install uninstall demo \
	clean
.DELETE_ON_ERROR:
