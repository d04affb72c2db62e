# ads -- build configuration; local overrides go in config.local.mk

VERSION = 0.1.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC = cc
CXX = c++
CLANG = clang
PKG_CONFIG = pkg-config

# Libraries found by pkg-config.  libjq (Debian 12: jq 1.6) ships no .pc
# file, so it is named directly.  --as-needed keeps each tool linked to
# only what it uses.
PKGS = libcurl libpcre2-8 libcrypto libzstd libxml-2.0 libutf8proc libpq zlib
JQLIBS = -ljq

CPPFLAGS = -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
CFLAGS = -std=c11 -O2 -g -Wall -Wextra -Wmissing-prototypes \
	-Wstrict-prototypes -Wwrite-strings -Wpointer-arith -Wvla \
	-Wshadow -Wformat=2 -Wno-format-nonliteral -fno-strict-aliasing
CXXFLAGS = -std=c++17 -O2 -g -Wall -Wextra
LDFLAGS = -Wl,--as-needed
EXTRA_LIBS += -lcld2
