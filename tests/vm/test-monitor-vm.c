/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The monitor on a kernel with ESP, xfrm interfaces and VTI (vm suite):
 * SA add/delete events (keys hidden unless asked), soft then hard EXPIRE
 * of an SA with short lifetimes, ACQUIRE carrying the if_id of a policy
 * reached through an xfrm interface, and xfrm/vti link events (other kinds
 * left out). `ip` makes every change; `xfrmifctl monitor` and the
 * monitor-loop example are checked beside the library.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libxfrmif/xfrmif.h>

#include "xmon.h"
#include "xtest.h"

#define KEY20_HEX "0xa1b2c3d4e5f60718293a4b5c6d7e8f9001122334"
#define SA_ID "src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000"
#define SA_ADD "ip xfrm state add " SA_ID " reqid 4 mode tunnel if_id 7 " \
	       "aead 'rfc4106(gcm(aes))' " KEY20_HEX " 96"

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

#define ASSERT_HAS(out, s)                                                     \
	ck_assert_msg(xt_contains(out, s), "output lacks '%s':\n%s", s, out)
#define ASSERT_LACKS(out, s)                                                   \
	ck_assert_msg(!xt_contains(out, s), "output has '%s':\n%s", s, out)

/* A program in the background, its output in a file of a private
 * directory. */
struct bg {
	char dir[32];
};

/*
 * Starts `cmd` (a shell command line ending in one simple command, whose
 * pid is kept; $D is the private directory) with output to $D/out, then
 * repeats `poke` until `word` shows in that output: from then on it sees
 * the kernel's events.
 */
static void bg_start(struct bg *b, const char *cmd, const char *poke,
		     const char *word)
{
	strcpy(b->dir, "/tmp/xmonvm.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(b->dir));
	ck_assert_int_eq(xt_sh("D=%s; %s >$D/out 2>&1 & echo $! >$D/pid",
			       b->dir, cmd), 0);
	ck_assert_int_eq(xt_sh("n=0; until grep -q '%s' %s/out; do %s; "
			       "n=$((n+1)); [ $n -gt 600 ] && exit 1; "
			       "sleep 0.1; done", word, b->dir, poke), 0);
}

/* Waits until `word` shows, stops the program and returns its output. */
static char *bg_stop(struct bg *b, const char *word)
{
	char *out;

	xt_sh("n=0; until grep -q '%s' %s/out; do n=$((n+1)); "
	      "[ $n -gt 600 ] && break; sleep 0.1; done", word, b->dir);
	xt_sh("kill $(cat %s/pid)", b->dir);
	out = xt_sh_out("cat %s/out; rm -rf %s", b->dir, b->dir);
	return out;
}

START_TEST(sa_add_and_delete)
{
	XFRMIF_OPTS(xfrmif_monitor_opts, keys, .flags = XFRMIF_MONITOR_KEYS);
	xfrmif_ctx *ctx = ctx_here();
	struct xmon x, xk;
	const uint8_t *key;
	const char *name;
	xfrmif_sa *got = NULL;
	size_t len;
	uint32_t u, icv;
	int i;

	xmon_open(&x, ctx, XFRMIF_MONITOR_SA, NULL);
	xmon_open(&xk, ctx, XFRMIF_MONITOR_SA, &keys);
	ck_assert_int_eq(xt_sh(SA_ADD), 0);
	i = xmon_wait_for(&x, XFRMIF_EVENT_SA_ADD, 0);
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, x.ev[i].sa));
	XT_ASSERT_OK(xfrmif_sa_get_spi(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 0x1000);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 4);
	XT_ASSERT_OK(xfrmif_sa_get_aead(x.ev[i].sa, &name, &key, &len, &icv));
	ck_assert_str_eq(name, "rfc4106(gcm(aes))");
	ck_assert_ptr_null(key); /* hidden */
	ck_assert_uint_eq(len, 20);
	ck_assert_uint_eq(icv, 96);
	/* Asked for, the keys come: the ones the kernel holds. */
	i = xmon_wait_for(&xk, XFRMIF_EVENT_SA_ADD, 0);
	XT_ASSERT_OK(xfrmif_sa_get_aead(xk.ev[i].sa, &name, &key, &len, &icv));
	ck_assert_ptr_nonnull(key);
	{
		const uint8_t *k2;
		XT_ASSERT_OK(xfrmif_sa_get_aead(got, &name, &k2, &len, &icv));
		ck_assert_mem_eq(key, k2, 20);
	}
	xfrmif_sa_free(got);
	ck_assert_int_eq(xt_sh("ip xfrm state del " SA_ID), 0);
	i = xmon_wait_for(&x, XFRMIF_EVENT_SA_DEL, 0);
	XT_ASSERT_OK(xfrmif_sa_get_spi(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 0x1000);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 7);
	xmon_close(&xk);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Soft then hard expiry (add time 2 s / 4 s), seen by the library, by
 * `xfrmifctl monitor expire` and by the monitor-loop example. */
START_TEST(soft_then_hard_expire)
{
	xfrmif_ctx *ctx = ctx_here();
	struct bg cli, ex;
	struct xmon x;
	uint32_t u, m;
	char *out;
	int s, h;

	xmon_open(&x, ctx, XFRMIF_MONITOR_EXPIRE, NULL);
	bg_start(&cli, XFRMIFCTL " monitor expire sa </dev/null",
		 "ip xfrm state add src 192.0.2.9 dst 192.0.2.9 proto esp spi 9 "
		 "enc 'cbc(aes)' 0x000102030405060708090a0b0c0d0e0f; "
		 "ip xfrm state del src 192.0.2.9 dst 192.0.2.9 proto esp spi 9",
		 "sa-del");
	/* The example quits at the end of its stdin: a FIFO it opens for
	 * reading and writing never ends. */
	bg_start(&ex, "mkfifo $D/in; " MONITOR_LOOP " <>$D/in", "true",
		 "waiting");
	ck_assert_int_eq(xt_sh(SA_ADD " mark 0x5 mask 0xff "
			       "limit time-soft 2 limit time-hard 4"), 0);
	s = xmon_wait_for(&x, XFRMIF_EVENT_EXPIRE, 0);
	ck_assert_int_eq(x.ev[s].hard, 0);
	XT_ASSERT_OK(xfrmif_sa_get_spi(x.ev[s].sa, &u));
	ck_assert_uint_eq(u, 0x1000);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(x.ev[s].sa, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_sa_get_mark(x.ev[s].sa, &u, &m));
	ck_assert_uint_eq(u, 5);
	ck_assert_uint_eq(m, 0xff);
	h = xmon_wait_for(&x, XFRMIF_EVENT_EXPIRE, s + 1);
	ck_assert_int_eq(x.ev[h].hard, 1);
	/* After the hard expiry the SA is gone. */
	out = xt_sh_out("ip xfrm state");
	ASSERT_LACKS(out, "spi 0x00001000");
	free(out);

	out = bg_stop(&cli, "limit hard");
	ASSERT_HAS(out, "\nexpire limit soft proto esp spi 0x00001000 src "
			"192.0.2.1 dst 192.0.2.2 reqid 4 mode tunnel if_id 7 "
			"mark 0x5/0xff\n");
	ASSERT_HAS(out, "\nexpire limit hard proto esp spi 0x00001000 ");
	ASSERT_HAS(out, "\nsa-add proto esp spi 0x00001000 ");
	/* A hard expiry is reported as such, not as a deletion. */
	ASSERT_LACKS(out, KEY20_HEX + 2);
	free(out);
	out = bg_stop(&ex, "hard expire");
	ASSERT_HAS(out, "soft expire: rekey: 192.0.2.1 -> 192.0.2.2 spi "
			"0x00001000 reqid 4 if_id 7");
	ASSERT_HAS(out, "hard expire: forget: 192.0.2.1 -> 192.0.2.2 spi "
			"0x00001000 reqid 4 if_id 7");
	free(out);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Traffic routed into an xfrm interface carries its if_id to the policy
 * lookup: the ACQUIRE names the if_id. */
START_TEST(acquire_carries_if_id)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xmon x;
	uint32_t u;
	char *out;
	int i;

	ck_assert_int_eq(xt_sh("ip link add ipsec0 type xfrm dev lo if_id 7 && "
			       "ip link set ipsec0 up && "
			       "ip route add 198.51.100.0/24 dev ipsec0 && "
			       "ip xfrm policy add src 0.0.0.0/0 "
			       "dst 198.51.100.0/24 dir out if_id 7 "
			       "tmpl src 192.0.2.1 dst 203.0.113.9 proto esp "
			       "reqid 9 mode tunnel"), 0);
	xmon_open(&x, ctx, XFRMIF_MONITOR_ACQUIRE, NULL);
	for (int n = 0; n < 600 && xmon_find(&x, XFRMIF_EVENT_ACQUIRE, 0) < 0;
	     n++) {
		xt_sh("bash -c 'echo x >/dev/udp/198.51.100.8/9' 2>/dev/null");
		xfrmif_monitor_run(x.mon, 100, xmon_collect, &x);
	}
	i = xmon_wait_for(&x, XFRMIF_EVENT_ACQUIRE, 0);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_policy_get_if_id(x.ev[i].policy, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(x.ev[i].sa, &u));
	ck_assert_uint_eq(u, 9);
	/* The larval SA the kernel holds has the same if_id. */
	out = xt_sh_out("ip xfrm state");
	ASSERT_HAS(out, "src 192.0.2.1 dst 203.0.113.9");
	ASSERT_HAS(out, "if_id 0x7");
	free(out);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(link_events_for_xfrm_and_vti_only)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xmon x;
	struct bg cli;
	uint32_t u, kind;
	char *out;
	int i, j;

	xmon_open(&x, ctx, XFRMIF_MONITOR_LINK, NULL);
	bg_start(&cli, XFRMIFCTL " -j monitor link </dev/null",
		 "ip link add xr type xfrm if_id 99 dev lo; ip link del xr",
		 "link-del");
	ck_assert_int_eq(xt_sh("ip link add v0 type veth peer name v1 && "
			       "ip link add ipsec1 type xfrm dev lo if_id 9 && "
			       "ip link add vti1 type vti local 192.0.2.1 "
			       "remote 192.0.2.2 key 5 && "
			       "ip link set ipsec1 up && ip link del ipsec1 && "
			       "ip link del vti1 && ip link del v0"), 0);
	/* ipsec1: created, then up, then deleted. */
	for (i = 0; (i = xmon_wait_for(&x, XFRMIF_EVENT_LINK_NEW, i)) >= 0; i++)
		if (!strcmp(xfrmif_link_get_name(x.ev[i].link), "ipsec1"))
			break;
	ck_assert_uint_eq(x.ev[i].change, 0xffffffffu);
	XT_ASSERT_OK(xfrmif_link_get_if_id(x.ev[i].link, &u));
	ck_assert_uint_eq(u, 9);
	for (j = 0; (j = xmon_wait_for(&x, XFRMIF_EVENT_LINK_DEL, j)) >= 0; j++)
		if (!strcmp(xfrmif_link_get_name(x.ev[j].link), "vti1"))
			break;
	XT_ASSERT_OK(xfrmif_link_get_kind(x.ev[j].link, &kind));
	ck_assert_uint_eq(kind, XFRMIF_LINK_KIND_VTI);
	ck_assert_int_ge(xmon_find(&x, XFRMIF_EVENT_LINK_DEL, 0), 0);
	for (i = 0; i < x.n; i++)
		ck_assert_str_ne(xfrmif_link_get_name(x.ev[i].link), "v0");

	out = bg_stop(&cli, "\"vti1\"");
	ASSERT_HAS(out, "{\"event\":\"link-new\",\"change\":\"created\","
			"\"kind\":\"xfrm\",\"name\":\"ipsec1\"");
	ASSERT_HAS(out, "\"if_id\":9");
	ASSERT_HAS(out, "{\"event\":\"link-del\",\"kind\":\"xfrm\",\"name\":"
			"\"ipsec1\"");
	ASSERT_HAS(out, "{\"event\":\"link-new\",\"change\":\"created\","
			"\"kind\":\"vti\",\"name\":\"vti1\"");
	ASSERT_LACKS(out, "\"v0\"");
	free(out);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("monitor-vm");
	TCase *tc = xt_tcase(s, "monitor-vm", true);

	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, sa_add_and_delete);
	tcase_add_test(tc, soft_then_hard_expire);
	tcase_add_test(tc, acquire_carries_if_id);
	tcase_add_test(tc, link_events_for_xfrm_and_vti_only);
	return xt_run_suite(s);
}
