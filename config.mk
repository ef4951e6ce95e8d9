# kytos & caspian build configuration.  Override on the command line:
#   make PREFIX=/usr CC=clang CFLAGS='-O2 -g'

VERSION = 0.1.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man

CC = cc
CFLAGS = -O2 -g
WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DVERSION=\"$(VERSION)\"
LDFLAGS =
LDLIBS = -lcjson -llpsolve55 -lcolamd -ldl -lm -lpthread

# Where objects and binaries go; `make check` also builds an ASan tree.
BUILD = build
