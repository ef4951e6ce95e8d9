/*
 * test_carbon.c: the time arithmetic and resampling of lib/carbon.c, and
 * the object names of lib/dispatch.c, against values worked out by hand
 * (and by date -u -d for the epochs).
 */
#include <string.h>

#include "carbon.h"
#include "check.h"
#include "dispatch.h"

static void
test_time(void)
{
	long long t;
	char buf[64];

	CHECK(carbon_parse_time("1970-01-01", &t) == 0 && t == 0);
	CHECK(carbon_parse_time("2023-06-01T00:00Z", &t) == 0 &&
	    t == 1685577600);
	CHECK(carbon_parse_time("2023-06-01 00:00:00", &t) == 0 &&
	    t == 1685577600);
	CHECK(carbon_parse_time("2023-06-01T09:00:00.000+09:00", &t) == 0 &&
	    t == 1685577600);
	CHECK(carbon_parse_time("2023-05-31T19:30-0430", &t) == 0 &&
	    t == 1685577600);
	CHECK(carbon_parse_time("2024-02-29T12:00Z", &t) == 0 &&
	    t == 1709208000);
	CHECK(carbon_parse_time("1969-12-31T23:59:59Z", &t) == 0 && t == -1);
	CHECK(carbon_parse_time("2023-02-29", &t) != 0);
	CHECK(carbon_parse_time("2100-02-29", &t) != 0);
	CHECK(carbon_parse_time("2000-02-29", &t) == 0);
	CHECK(carbon_parse_time("2023-06-01T24:00Z", &t) != 0);
	CHECK(carbon_parse_time("2023-06-01T00:00Zx", &t) != 0);
	CHECK(carbon_parse_time("2023-6-01", &t) != 0);
	CHECK(strcmp(carbon_format_time(buf, 1709208000),
	    "2024-02-29T12:00Z") == 0);
	CHECK(strcmp(carbon_format_time(buf, -1), "1969-12-31T23:59:59Z") == 0);
	/* Round trip over 400 years of days, leap years included. */
	for (t = -86400LL * 146097; t < 86400LL * 146097; t += 86400 * 7 + 61) {
		long long u;

		carbon_format_time(buf, t);
		CHECK(carbon_parse_time(buf, &u) == 0 && u == t);
	}
}

static void
test_resample(void)
{
	struct carbon_set cs;
	struct carbon_series *s;
	struct kerr e;
	double out[4];
	const char *csv = "Datetime (UTC),Carbon Intensity (direct)\n"
	    "2023-06-01 00:00:00,100\n"
	    "2023-06-01 01:00:00,200\n"
	    "2023-06-01 04:00:00,500\n"	/* a gap of two hours */
	    "2023-06-01 05:00:00,600\n";

	carbon_set_init(&cs);
	CHECK(carbon_load(&cs, csv, strlen(csv), "Z_test.csv", NULL, &e) == 0);
	CHECK(cs.n == 1 && strcmp(cs.s[0].zone, "Z") == 0);
	s = &cs.s[0];
	/*
	 * Two-hour slots: [0,2) = (100 + 200) / 2; [2,4) is the gap, a line
	 * from 200 at 02:00 to 500 at 04:00: mean 350; [4,6) = 550.
	 */
	CHECK(carbon_resample(s, 1685577600, 7200, 3, out, NULL, &e) == 0);
	CHECK_NEAR(out[0], 150, 1e-9);
	CHECK_NEAR(out[1], 350, 1e-9);
	CHECK_NEAR(out[2], 550, 1e-9);
	/* 90-minute slots: [0, 1.5 h) is 100 for an hour, 200 for half. */
	CHECK(carbon_resample(s, 1685577600, 5400, 2, out, NULL, &e) == 0);
	CHECK_NEAR(out[0], (100 * 3600 + 200 * 1800) / 5400.0, 1e-9);
	/* [1.5h, 3h): 200 for 0.5 h, then the line from 200 to 350. */
	CHECK_NEAR(out[1], (200 * 1800 + (200 + 350) / 2.0 * 3600) / 5400.0,
	    1e-9);
	/* Half-hour slots interpolate between reading times. */
	CHECK(carbon_resample(s, 1685577600 + 1800, 1800, 2, out, NULL,
	    &e) == 0);
	CHECK_NEAR(out[0], 150, 1e-9);
	CHECK_NEAR(out[1], 200, 1e-9);
	/* Outside the data: an error naming the zone and the time. */
	CHECK(carbon_resample(s, 1685577600, 3600, 7, out, NULL, &e) != 0);
	CHECK(strcmp(e.msg, "zone 'Z': no data for 2023-06-01T06:00Z") == 0);
	carbon_set_release(&cs);
}

static void
test_names(void)
{
	char a[64], b[64];
	const char *long_id = "a-very-long-job-identifier-that-goes-on-and-on-"
	    "and-on-past-sixty-three";

	CHECK(strcmp(dispatch_name(a, "job-0"), "job-0") == 0);
	dispatch_name(a, "Job-0");
	CHECK(strncmp(a, "job-0-", 6) == 0 && strlen(a) == 14);
	CHECK(strcmp(dispatch_name(a, "a/b"), dispatch_name(b, "a.b")) != 0);
	dispatch_name(a, long_id);
	CHECK(strlen(a) <= 63 && a[strlen(a) - 1] != '-');
	dispatch_name(a, "___");
	CHECK(strncmp(a, "job-", 4) == 0 && strlen(a) == 12);
	dispatch_name(a, "-x-");
	CHECK(strncmp(a, "x-", 2) == 0);
}

int
main(void)
{
	test_time();
	test_resample();
	test_names();
	return check_status();
}
