/*
 * cli.h: what every tool does the same way around its options and
 * messages: bounded numbers in options, the usage-error exit, getopt's
 * errors and the warning callback lib/ reports through.
 *
 * Static functions in a header, because lib/ never prints or exits
 * (STYLE.md) and these do both.  A tool defines `static void usage(FILE *)`
 * (the SYNOPSIS of its man page), sets `opterr = 0` and includes this once.
 */
#ifndef KYTOS_CLI_H
#define KYTOS_CLI_H

#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "json.h"
#include "number.h"

static void usage(FILE *fp);

/* A usage error: the message, the usage on stderr, exit 2. */
static void __attribute__((format(printf, 1, 2), noreturn, unused))
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	usage(stderr);
	exit(2);
}

/* A bad option value: "-r: too small '0'", the usage, exit 2. */
static void __attribute__((noreturn, unused))
cli_bad_value(const char *opt, const char *why, const char *arg)
{
	cli_usage_error("%s: %s '%s'", opt, why, arg);
}

/* An option's number, or a usage error "-r: too small '0'". */
static long __attribute__((unused))
cli_long(const char *opt, const char *arg, long lo, long hi)
{
	const char *why;
	long v;

	if (number_long(arg, lo, hi, &v, &why) < 0)
		cli_usage_error("%s: %s '%s'", opt, why, arg);
	return v;
}

static double __attribute__((unused))
cli_double(const char *opt, const char *arg, double lo, double hi)
{
	const char *why;
	double v;

	if (number_double(arg, lo, hi, &v, &why) < 0)
		cli_usage_error("%s: %s '%s'", opt, why, arg);
	return v;
}

/*
 * getopt_long returned '?' or ':' (with opterr = 0): name the option as the
 * user wrote it, "-r" or "--reads" (without any "=value").
 */
static void __attribute__((noreturn, unused))
cli_getopt_error(int c, char *const argv[])
{
	const char *arg = argv[optind - 1];
	const char *what = c == ':' ? "missing argument" : "unknown option";

	if (strncmp(arg, "--", 2) == 0)
		cli_usage_error("%.*s: %s", (int)strcspn(arg, "="), arg, what);
	if (optopt > 0 && optopt < 256)
		cli_usage_error("-%c: %s", optopt, what);
	cli_usage_error("%s: %s", arg, what);
}

/*
 * SIGINT behaves like the time limit (DESIGN section 2): the solver polls
 * the flag cli_catch_sigint returns, stops and writes the best so far.
 */
static volatile sig_atomic_t cli_interrupted __attribute__((unused));

static void __attribute__((unused))
cli_on_sigint(int sig)
{
	(void)sig;
	cli_interrupted = 1;
}

static __attribute__((unused)) volatile sig_atomic_t *
cli_catch_sigint(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cli_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	return &cli_interrupted;
}

/*
 * Write the result and check stdout (so >/dev/full fails with exit 1).  The
 * tree is whole before anything is written: nothing partial reaches stdout.
 */
static void __attribute__((unused))
cli_write_json(const struct json *v)
{
	struct kerr e;

	json_write(stdout, v, 1);
	if (io_close(stdout, "<stdout>", &e) < 0)
		errx(1, "%s", e.msg);
}

/*
 * The struct kwarn callback lib/ warns through: ctx is a struct cli_warn
 * (or NULL): with a name, messages read "name: msg"; -q sets quiet.
 */
struct cli_warn {
	const char *name;
	int quiet;
};

static void __attribute__((unused))
cli_warn(void *ctx, const char *msg)
{
	const struct cli_warn *w = ctx;

	if (w != NULL && w->quiet)
		return;
	if (w == NULL || w->name == NULL)
		warnx("%s", msg);
	else
		warnx("%s: %s", w->name, msg);
}

#endif
