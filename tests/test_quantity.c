/*
 * test_quantity.c: Kubernetes quantities, table-driven.  The inputs and
 * their values are those of apimachinery's quantity_test.go
 * (TestQuantityParse, TestParseQuantityString and its invalid list), plus
 * forms seen in real kubectl dumps; each value is given in every unit
 * kytos rounds to, worked out by hand from the exact decimal value.
 */
#include <string.h>

#include "check.h"
#include "quantity.h"

#define BIG	(-1)	/* "quantity too large" in this unit */

static const struct {
	const char *in;
	long long milli_up, milli_down, one_up, one_down, mib_up, mib_down;
} table[] = {
	/* Zeros, with every suffix. */
	{ "0", 0, 0, 0, 0, 0, 0 },
	{ "0n", 0, 0, 0, 0, 0, 0 },
	{ "0u", 0, 0, 0, 0, 0, 0 },
	{ "0m", 0, 0, 0, 0, 0, 0 },
	{ "0k", 0, 0, 0, 0, 0, 0 },
	{ "0Ki", 0, 0, 0, 0, 0, 0 },
	{ "0M", 0, 0, 0, 0, 0, 0 },
	{ "0Mi", 0, 0, 0, 0, 0, 0 },
	{ "0G", 0, 0, 0, 0, 0, 0 },
	{ "0Gi", 0, 0, 0, 0, 0, 0 },
	{ "0T", 0, 0, 0, 0, 0, 0 },
	{ "0Ti", 0, 0, 0, 0, 0, 0 },
	{ "-0", 0, 0, 0, 0, 0, 0 },
	{ "1", 1000, 1000, 1, 1, 1, 0 },
	{ "9", 9000, 9000, 9, 9, 1, 0 },
	/* Binary suffixes. */
	{ "1Ki", 1024000, 1024000, 1024, 1024, 1, 0 },
	{ "8Ki", 8192000, 8192000, 8192, 8192, 1, 0 },
	{ "7Mi", 7340032000LL, 7340032000LL, 7340032, 7340032, 7, 7 },
	{ "6Gi", 6442450944000LL, 6442450944000LL, 6442450944LL,
	    6442450944LL, 6144, 6144 },
	{ "5Ti", 5497558138880000LL, 5497558138880000LL, 5497558138880LL,
	    5497558138880LL, 5242880, 5242880 },
	{ "4Pi", BIG, BIG, 4503599627370496LL, 4503599627370496LL,
	    4294967296LL, 4294967296LL },
	{ "3Ei", BIG, BIG, BIG, BIG, 3298534883328LL, 3298534883328LL },
	{ "10Ti", BIG, BIG,
	    10995116277760LL, 10995116277760LL, 10485760, 10485760 },
	{ "100Ti", BIG, BIG, 109951162777600LL, 109951162777600LL,
	    104857600, 104857600 },
	/* Decimal suffixes. */
	{ "5n", 1, 0, 1, 0, 1, 0 },
	{ "4u", 1, 0, 1, 0, 1, 0 },
	{ "3m", 3, 3, 1, 0, 1, 0 },
	{ "8k", 8000000, 8000000, 8000, 8000, 1, 0 },
	{ "50k", 50000000, 50000000, 50000, 50000, 1, 0 },
	{ "7M", 7000000000LL, 7000000000LL, 7000000, 7000000, 7, 6 },
	{ "6G", 6000000000000LL, 6000000000000LL, 6000000000LL,
	    6000000000LL, 5723, 5722 },
	{ "5T", 5000000000000000LL, 5000000000000000LL, 5000000000000LL,
	    5000000000000LL, 4768372, 4768371 },
	{ "2P", BIG, BIG, 2000000000000000LL, 2000000000000000LL,
	    1907348633, 1907348632 },
	{ "1E", BIG, BIG, BIG, BIG, 953674316407LL, 953674316406LL },
	{ "12E", BIG, BIG, BIG, BIG, 11444091796875LL, 11444091796875LL },
	/* Decimal exponents. */
	{ "1E-3", 1, 1, 1, 0, 1, 0 },
	{ "1e3", 1000000, 1000000, 1000, 1000, 1, 0 },
	{ "1E6", 1000000000, 1000000000, 1000000, 1000000, 1, 0 },
	{ "1e9", 1000000000000LL, 1000000000000LL, 1000000000, 1000000000,
	    954, 953 },
	{ "1E12", 1000000000000000LL, 1000000000000000LL, 1000000000000LL,
	    1000000000000LL, 953675, 953674 },
	{ "1e15", BIG, BIG, 1000000000000000LL, 1000000000000000LL,
	    953674317, 953674316 },
	{ "1E18", BIG, BIG, BIG, BIG, 953674316407LL, 953674316406LL },
	{ "129e6", 129000000000LL, 129000000000LL, 129000000, 129000000,
	    124, 123 },
	{ "1.2e3", 1200000, 1200000, 1200, 1200, 1, 0 },
	{ "1.3E+6", 1300000000, 1300000000, 1300000, 1300000, 2, 1 },
	{ "0.5e0", 500, 500, 1, 0, 1, 0 },
	{ "0.5e-1", 50, 50, 1, 0, 1, 0 },
	{ "0.5e-2", 5, 5, 1, 0, 1, 0 },
	/* Decimals. */
	{ "100.035k", 100035000, 100035000, 100035, 100035, 1, 0 },
	{ "0.001", 1, 1, 1, 0, 1, 0 },
	{ "0.0005k", 500, 500, 1, 0, 1, 0 },
	{ "0.1", 100, 100, 1, 0, 1, 0 },
	{ "1.5", 1500, 1500, 2, 1, 1, 0 },
	{ "9.01", 9010, 9010, 10, 9, 1, 0 },
	{ "8.1k", 8100000, 8100000, 8100, 8100, 1, 0 },
	{ "10.035M", 10035000000LL, 10035000000LL, 10035000, 10035000,
	    10, 9 },
	{ "6.987654321G", 6987654321000LL, 6987654321000LL, 6987654321LL,
	    6987654321LL, 6664, 6663 },
	{ "100.035Ki", 102435840, 102435840, 102436, 102435, 1, 0 },
	{ "0.5Mi", 524288000, 524288000, 524288, 524288, 1, 0 },
	{ "0.05Gi", 53687091200LL, 53687091200LL, 53687092, 53687091,
	    52, 51 },
	{ "0.025Ti", 27487790694400LL, 27487790694400LL, 27487790695LL,
	    27487790694LL, 26215, 26214 },
	/* Rounded up to a whole nano-unit at parse time. */
	{ "3.001n", 1, 0, 1, 0, 1, 0 },
	{ "0.000000000001Ki", 1, 0, 1, 0, 1, 0 },
	/* Capped at 2^63 - 1 units. */
	{ "9Ei", BIG, BIG, BIG, BIG, 8796093022208LL, 8796093022207LL },
	{ "9223372036854775807Ki", BIG, BIG, BIG, BIG, 8796093022208LL,
	    8796093022207LL },
	/* Written by trolls, accepted by Kubernetes. */
	{ ".001", 1, 1, 1, 0, 1, 0 },
	{ ".0001k", 100, 100, 1, 0, 1, 0 },
	{ "1.", 1000, 1000, 1, 1, 1, 0 },
	{ "1.G", 1000000000000LL, 1000000000000LL, 1000000000, 1000000000,
	    954, 953 },
	{ "+1", 1000, 1000, 1, 1, 1, 0 },
	{ ".", 0, 0, 0, 0, 0, 0 },
	{ "m", 0, 0, 0, 0, 0, 0 },
	{ "Ki", 0, 0, 0, 0, 0, 0 },
	{ "-", 0, 0, 0, 0, 0, 0 },
	{ "e3", 0, 0, 0, 0, 0, 0 },
	/* From the dumps in shared/data/k8s. */
	{ "7910m", 7910, 7910, 8, 7, 1, 0 },
	{ "31127824Ki", 31874891776000LL, 31874891776000LL, 31874891776LL,
	    31874891776LL, 30399, 30398 },
	{ "14236104Ki", 14577770496000LL, 14577770496000LL, 14577770496LL,
	    14577770496LL, 13903, 13902 },
	{ "128974848", 128974848000LL, 128974848000LL, 128974848, 128974848,
	    123, 123 },
	{ "123Mi", 128974848000LL, 128974848000LL, 128974848, 128974848,
	    123, 123 },
	{ "1Gi", 1073741824000LL, 1073741824000LL, 1073741824, 1073741824,
	    1024, 1024 },
};

/* Exact nano-units after Kubernetes' round-up. */
static const struct {
	const char *in;
	unsigned long long nanos;
} nanos[] = {
	{ "3.001n", 4 }, { "1.1E-9", 2 }, { "0.0000000001", 1 },
	{ "0.0000000005", 1 }, { "0.00000000050", 1 }, { "0.5e-9", 1 },
	{ "0.9n", 1 }, { "0.00000012345", 124 }, { "0.00000012354", 124 },
	{ "0.000000000001Ki", 2 }, { ".000000001Ki", 1024 },
	{ ".000001Ki", 1024000 }, { "1E-3", 1000000 }, { "5n", 5 },
	{ "1e-100000", 1 }, { "0e100000", 0 },
};

static const char *bad[] = {
	/* quantity_test.go's invalid list */
	"1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i",
	"-3.01e-", "1e4294967297", " 1", "1 ", "",
	/* and more */
	"1x", "K", "1K", "1KiB", "--1", "1e", "1E2147483648", "1Mi ", "1 Mi",
	"0x10", "1,5", "1Mb", "1kb", "1.5.5", "1ki", "1MI",
};

static void
check_value(const char *in, enum quantity_unit u, int up, long long want)
{
	struct quantity q;
	struct kerr e;
	long long got = 0;
	int rc;

	if (quantity_parse(in, &q, &e) != 0) {
		fprintf(stderr, "%s: %s\n", in, e.msg);
		CHECK(!"parses");
		return;
	}
	rc = quantity_to(&q, u, up, &got, &e);
	if (want == BIG) {
		CHECK(rc == -1 && strcmp(e.msg, "quantity too large") == 0);
		return;
	}
	if (rc != 0 || got != want)
		fprintf(stderr, "%s unit %d up %d: got %lld (rc %d), "
		    "want %lld\n", in, (int)u, up, got, rc, want);
	CHECK(rc == 0 && got == want);
}

int
main(void)
{
	struct quantity q, sum, max;
	struct kerr e;
	long long v;
	size_t i;
	char msg[64];

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		check_value(table[i].in, QUANTITY_MILLI, 1, table[i].milli_up);
		check_value(table[i].in, QUANTITY_MILLI, 0,
		    table[i].milli_down);
		check_value(table[i].in, QUANTITY_ONE, 1, table[i].one_up);
		check_value(table[i].in, QUANTITY_ONE, 0, table[i].one_down);
		check_value(table[i].in, QUANTITY_MEBI, 1, table[i].mib_up);
		check_value(table[i].in, QUANTITY_MEBI, 0, table[i].mib_down);
	}
	for (i = 0; i < sizeof(nanos) / sizeof(nanos[0]); i++) {
		CHECK(quantity_parse(nanos[i].in, &q, &e) == 0);
		if (q.nanos != nanos[i].nanos)
			fprintf(stderr, "%s: got %llu nanos, want %llu\n",
			    nanos[i].in, (unsigned long long)q.nanos,
			    nanos[i].nanos);
		CHECK(q.nanos == nanos[i].nanos && !q.negative);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg), "bad quantity '%s'", bad[i]);
		if (quantity_parse(bad[i], &q, &e) == 0)
			fprintf(stderr, "'%s' parsed\n", bad[i]);
		CHECK(quantity_parse(bad[i], &q, &e) == -1 &&
		    strcmp(e.msg, msg) == 0);
	}

	/* Negative values parse; the caller rejects them. */
	CHECK(quantity_parse("-3.01", &q, &e) == 0 && q.negative);
	CHECK(quantity_to(&q, QUANTITY_MILLI, 1, &v, &e) == 0 && v == -3010);
	CHECK(quantity_parse("-1Ki", &q, &e) == 0 && q.negative);

	/* Decimal values past 10^28 units have no use. */
	CHECK(quantity_parse("1e29", &q, &e) == -1 &&
	    strcmp(e.msg, "quantity too large '1e29'") == 0);
	CHECK(quantity_parse("1e28", &q, &e) == 0);

	/* Sums and maxima stay exact: 3 x 0.1 + 1n is 301m rounded up. */
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < 3; i++) {
		CHECK(quantity_parse("0.1", &q, &e) == 0);
		quantity_add(&sum, &q);
	}
	CHECK(quantity_to(&sum, QUANTITY_MILLI, 1, &v, &e) == 0 && v == 300);
	CHECK(quantity_parse("1n", &q, &e) == 0);
	quantity_add(&sum, &q);
	CHECK(quantity_to(&sum, QUANTITY_MILLI, 1, &v, &e) == 0 && v == 301);
	CHECK(quantity_to(&sum, QUANTITY_MILLI, 0, &v, &e) == 0 && v == 300);
	memset(&max, 0, sizeof(max));
	CHECK(quantity_parse("512Mi", &q, &e) == 0);
	quantity_max(&max, &q);
	CHECK(quantity_parse("500M", &q, &e) == 0);
	quantity_max(&max, &q);
	CHECK(quantity_to(&max, QUANTITY_MEBI, 1, &v, &e) == 0 && v == 512);
	return check_status();
}
