/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The monitor against the running kernel: policy add/update/delete/flush
 * events for what `ip` did, a stopped dispatch keeping the rest pending,
 * ACQUIRE when traffic hits a policy with no SA (checked against the larval
 * SA `ip xfrm state` shows), overflow turned into a lost-events event, and
 * `xfrmifctl monitor` and the monitor-loop example seen from outside.
 * Runs in the host suite and in the vm suite; each test in a fresh netns.
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

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static void pton(const char *s, void *dst)
{
	ck_assert_int_eq(inet_pton(AF_INET, s, dst), 1);
}

#define ASSERT_HAS(out, s)                                                     \
	ck_assert_msg(xt_contains(out, s), "output lacks '%s':\n%s", s, out)

/* 198.51.100.0/24 routed out of a veth, so that traffic to it leaves
 * through the output policy check. */
static void route_out(void)
{
	ck_assert_int_eq(xt_sh("ip link add v0 type veth peer name v1 && "
			       "ip link set v0 up && ip link set v1 up && "
			       "ip addr add 192.0.2.1/24 dev v0 && "
			       "ip route add 198.51.100.0/24 dev v0"), 0);
}

/* One UDP datagram to 198.51.100.8:9 carrying `mark`. */
static void send_udp(uint32_t mark)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	pton("198.51.100.8", &to.sin_addr);
	if (mark)
		ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_MARK, &mark,
					    sizeof(mark)), 0);
	/* The kernel may drop it (larval SA) or refuse it; the acquire is
	 * what counts. */
	(void)sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
	close(fd);
}

#define POL_SEL "src 192.0.2.1/32 dst 198.51.100.7/32 dir out"
#define POL_KEY POL_SEL " if_id 7 mark 5 mask 0xff"

START_TEST(policy_events_decode_what_ip_did)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *got = NULL;
	const xfrmif_tmpl *t;
	struct xmon x;
	uint32_t u, m, a, b;
	int i, d, k;

	xmon_open(&x, ctx, XFRMIF_MONITOR_POLICY, NULL);
	ck_assert_int_eq(xt_sh("ip xfrm policy add " POL_KEY " priority 9 "
			       "tmpl src 192.0.2.1 dst 203.0.113.9 proto esp "
			       "reqid 3 mode tunnel"), 0);
	i = xmon_wait_for(&x, XFRMIF_EVENT_POLICY_ADD, 0);
	/* The event's policy is the one the kernel holds. */
	XT_ASSERT_OK(xfrmif_policy_get(&got, ctx, x.ev[i].policy));
	XT_ASSERT_OK(xfrmif_policy_get_index(x.ev[i].policy, &a));
	XT_ASSERT_OK(xfrmif_policy_get_index(got, &b));
	ck_assert_uint_eq(a, b);
	XT_ASSERT_OK(xfrmif_policy_get_if_id(x.ev[i].policy, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_policy_get_mark(x.ev[i].policy, &u, &m));
	ck_assert_uint_eq(u, 5);
	ck_assert_uint_eq(m, 0xff);
	XT_ASSERT_OK(xfrmif_policy_get_priority(x.ev[i].policy, &u));
	ck_assert_uint_eq(u, 9);
	XT_ASSERT_OK(xfrmif_policy_get_dir(x.ev[i].policy, &d));
	ck_assert_int_eq(d, XFRMIF_POLICY_DIR_OUT);
	XT_ASSERT_OK(xfrmif_policy_get_tmpl(x.ev[i].policy, 0, &t));
	XT_ASSERT_OK(xfrmif_tmpl_get_reqid(t, &u));
	ck_assert_uint_eq(u, 3);
	xfrmif_policy_free(got);

	ck_assert_int_eq(xt_sh("ip xfrm policy update " POL_KEY " priority 4"), 0);
	k = xmon_wait_for(&x, XFRMIF_EVENT_POLICY_UPDATE, i);
	XT_ASSERT_OK(xfrmif_policy_get_priority(x.ev[k].policy, &u));
	ck_assert_uint_eq(u, 4);
	ck_assert_int_eq(xt_sh("ip xfrm policy del " POL_KEY), 0);
	k = xmon_wait_for(&x, XFRMIF_EVENT_POLICY_DEL, k);
	XT_ASSERT_OK(xfrmif_policy_get_index(x.ev[k].policy, &b));
	ck_assert_uint_eq(a, b);
	XT_ASSERT_OK(xfrmif_policy_get_if_id(x.ev[k].policy, &u));
	ck_assert_uint_eq(u, 7);
	ck_assert_int_eq(xt_sh("ip xfrm policy add " POL_SEL " && "
			       "ip xfrm policy flush"), 0);
	xmon_wait_for(&x, XFRMIF_EVENT_POLICY_FLUSH, k);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

static void add_policies(xfrmif_ctx *ctx, int n)
{
	xfrmif_policy *p = NULL;
	unsigned char a[4];

	for (int i = 0; i < n; i++) {
		XT_ASSERT_OK(xfrmif_policy_new(&p));
		pton("192.0.2.1", a);
		XT_ASSERT_OK(xfrmif_policy_set_src(p, AF_INET, a, 32));
		pton("198.51.100.0", a);
		a[3] = (unsigned char)i;
		XT_ASSERT_OK(xfrmif_policy_set_dst(p, AF_INET, a, 32));
		XT_ASSERT_OK(xfrmif_policy_set_dport(p, (uint16_t)(1000 + i)));
		XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_TCP));
		XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_IN));
		XT_ASSERT_OK(xfrmif_policy_add(ctx, p));
		xfrmif_policy_free(p);
	}
}

START_TEST(stopped_dispatch_keeps_the_rest)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xmon x;

	xmon_open(&x, ctx, XFRMIF_MONITOR_POLICY | XFRMIF_MONITOR_LINK, NULL);
	ck_assert_int_eq(xfrmif_monitor_dispatch(x.mon, xmon_collect, &x), 0);
	ck_assert_int_eq(xfrmif_monitor_wait(x.mon, 0), 0);
	add_policies(ctx, 3);
	x.stop_after = 1;
	/* Each dispatch stops after one event, and the fd stays readable
	 * until all three have come. */
	for (int i = 1; i <= 3; i++) {
		ck_assert_int_eq(xfrmif_monitor_wait(x.mon, XMON_DEADLINE_S * 1000), 1);
		ck_assert_int_eq(xfrmif_monitor_dispatch(x.mon, xmon_collect, &x), 1);
		ck_assert_int_eq(x.n, i);
		ck_assert_int_eq(x.ev[i - 1].type, XFRMIF_EVENT_POLICY_ADD);
	}
	ck_assert_int_eq(xfrmif_monitor_dispatch(x.mon, xmon_collect, &x), 0);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(acquire_for_policy_without_sa)
{
	xfrmif_ctx *ctx = ctx_here();
	const struct xmon_event *e;
	unsigned char a[16], w[4];
	uint32_t u, m;
	uint8_t v8;
	uint16_t port;
	struct xmon x;
	char *out;
	int fam, i, d;

	route_out();
	ck_assert_int_eq(xt_sh("ip xfrm policy add src 192.0.2.1/32 "
			       "dst 198.51.100.8/32 proto udp dir out mark 5 "
			       "mask 0xff tmpl src 192.0.2.1 dst 203.0.113.9 "
			       "proto esp reqid 9 mode tunnel"), 0);
	xmon_open(&x, ctx, XFRMIF_MONITOR_ACQUIRE, NULL);
	send_udp(5);
	i = xmon_wait_for(&x, XFRMIF_EVENT_ACQUIRE, 0);
	e = &x.ev[i];
	/* The larval SA the kernel made for it, as ip sees it. */
	out = xt_sh_out("ip xfrm state");
	ASSERT_HAS(out, "src 192.0.2.1 dst 203.0.113.9");
	ASSERT_HAS(out, "proto esp spi 0x00000000 reqid 9 mode tunnel");
	ASSERT_HAS(out, "mark 0x5/0xff");
	ASSERT_HAS(out, "sel src 192.0.2.1/32 dst 198.51.100.8/32 proto udp");
	free(out);
	XT_ASSERT_OK(xfrmif_sa_get_src(e->sa, &fam, a));
	pton("192.0.2.1", w);
	ck_assert_int_eq(fam, AF_INET);
	ck_assert_mem_eq(a, w, 4);
	XT_ASSERT_OK(xfrmif_sa_get_dst(e->sa, &fam, a));
	pton("203.0.113.9", w);
	ck_assert_mem_eq(a, w, 4);
	XT_ASSERT_OK(xfrmif_sa_get_proto(e->sa, &v8));
	ck_assert_int_eq(v8, IPPROTO_ESP);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(e->sa, &u));
	ck_assert_uint_eq(u, 9);
	XT_ASSERT_OK(xfrmif_sa_get_mode(e->sa, &v8));
	ck_assert_int_eq(v8, XFRMIF_SA_MODE_TUNNEL);
	XT_ASSERT_OK(xfrmif_sa_get_mark(e->sa, &u, &m));
	ck_assert_uint_eq(u, 5);
	ck_assert_uint_eq(m, 0xff);
	XT_ASSERT_OK(xfrmif_sa_get_sel_dst(e->sa, &fam, a, &v8));
	pton("198.51.100.8", w);
	ck_assert_mem_eq(a, w, 4);
	ck_assert_uint_eq(v8, 32);
	XT_ASSERT_OK(xfrmif_sa_get_sel_dport(e->sa, &port));
	ck_assert_uint_eq(port, 9);
	ck_assert_uint_ne(e->seq, 0);
	XT_ASSERT_OK(xfrmif_policy_get_dir(e->policy, &d));
	ck_assert_int_eq(d, XFRMIF_POLICY_DIR_OUT);
	XT_ASSERT_OK(xfrmif_policy_get_mark(e->policy, &u, &m));
	ck_assert_uint_eq(u, 5);
	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(e->policy), 1);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(overflow_gives_lost_event)
{
	XFRMIF_OPTS(xfrmif_monitor_opts, opts, .rcvbuf = 1);
	xfrmif_ctx *ctx = ctx_here();
	struct xmon x;
	int i;

	/* The kernel raises a tiny buffer to its minimum (a few KiB): a few
	 * dozen policy events without a dispatch overflow it. */
	xmon_open(&x, ctx, XFRMIF_MONITOR_POLICY, &opts);
	add_policies(ctx, 200);
	i = xmon_wait_for(&x, XFRMIF_EVENT_LOST, 0);
	ck_assert_uint_eq(x.ev[i].lost, XFRMIF_MONITOR_POLICY);
	ck_assert_int_lt(x.n, 200);
	/* The monitor goes on working after the loss. */
	ck_assert_int_eq(xt_sh("ip xfrm policy flush"), 0);
	xmon_wait_for(&x, XFRMIF_EVENT_POLICY_FLUSH, i);
	xmon_close(&x);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(bad_arguments)
{
	XFRMIF_OPTS(xfrmif_monitor_opts, opts, .flags = 0x80);
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_monitor *mon = NULL;

	ck_assert_int_eq(xfrmif_monitor_new(&mon, ctx, 0, NULL), -EINVAL);
	ASSERT_HAS(xfrmif_ctx_errmsg(ctx), "groups");
	ck_assert_int_eq(xfrmif_monitor_new(&mon, ctx, 1u << 20, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_monitor_new(&mon, ctx, XFRMIF_MONITOR_SA, &opts),
			 -EINVAL);
	ASSERT_HAS(xfrmif_ctx_errmsg(ctx), "opts.flags");
	ck_assert_ptr_null(mon);
	ck_assert_int_eq(xfrmif_monitor_new(&mon, NULL, XFRMIF_MONITOR_SA, NULL),
			 -EINVAL);
	ck_assert_int_eq(xfrmif_monitor_get_fd(NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_monitor_dispatch(NULL, xmon_collect, NULL),
			 -EINVAL);
	xfrmif_monitor_free(NULL);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/*
 * Runs `xfrmifctl monitor` (text and -j) in the background, waits until
 * both see events (a throw-away policy, repeated), then adds and deletes a
 * policy and sends traffic that raises an ACQUIRE; prints both outputs.
 */
static const char cli_script[] =
	"d=$(mktemp -d); X=" XFRMIFCTL "\n"
	"$X monitor policy acquire >$d/t 2>&1 & t=$!\n"
	"$X -j monitor >$d/j 2>&1 & j=$!\n"
	"n=0; until grep -q policy-del $d/t && grep -q policy-del $d/j; do\n"
	"  ip xfrm policy add src 192.0.2.250/32 dst 192.0.2.251/32 dir in\n"
	"  ip xfrm policy del src 192.0.2.250/32 dst 192.0.2.251/32 dir in\n"
	"  n=$((n+1)); [ $n -gt 600 ] && break; sleep 0.1; done\n"
	"ip xfrm policy add src 192.0.2.1/32 dst 198.51.100.8/32 dir out "
	"if_id 7 tmpl src 192.0.2.1 dst 203.0.113.9 proto esp reqid 9 mode tunnel\n"
	"ip xfrm policy del src 192.0.2.1/32 dst 198.51.100.8/32 dir out if_id 7\n"
	"ip xfrm policy add src 192.0.2.1/32 dst 198.51.100.8/32 proto udp dir out "
	"tmpl src 192.0.2.1 dst 203.0.113.9 proto esp reqid 9 mode tunnel\n"
	"bash -c 'echo x >/dev/udp/198.51.100.8/9'\n"
	"n=0; until grep -q acquire $d/t && grep -q acquire $d/j; do\n"
	"  n=$((n+1)); [ $n -gt 600 ] && break; sleep 0.1; done\n"
	"kill $t $j; wait\n"
	"cat $d/t; echo ====; cat $d/j; rm -rf $d\n";

START_TEST(cli_prints_one_line_per_event)
{
	char *out, *json;

	route_out();
	out = xt_sh_out("%s", cli_script);
	json = strstr(out, "====");
	ck_assert_msg(json, "%s", out);
	*json = '\0';
	json += 4;
	ASSERT_HAS(out, "\npolicy-add dir out src 192.0.2.1/32 dst 198.51.100.8/32 "
			"index ");
	ASSERT_HAS(out, " if_id 7 tmpls 1\n");
	ASSERT_HAS(out, "\npolicy-del dir out src 192.0.2.1/32 dst 198.51.100.8/32 ");
	ASSERT_HAS(out, "\nacquire seq ");
	ASSERT_HAS(out, " proto esp src 192.0.2.1 dst 203.0.113.9 reqid 9 mode "
			"tunnel sel_src 192.0.2.1/32 sel_dst 198.51.100.8/32 "
			"sel_proto 17 ");
	ASSERT_HAS(out, " sel_dport 9 policy dir out ");
	ASSERT_HAS(json, "\n{\"event\":\"policy-add\",\"dir\":\"out\",\"src\":"
			 "\"192.0.2.1\",\"src_prefixlen\":32,\"dst\":"
			 "\"198.51.100.8\",\"dst_prefixlen\":32,\"index\":");
	ASSERT_HAS(json, ",\"if_id\":7,\"tmpls\":1}\n");
	ASSERT_HAS(json, "\n{\"event\":\"acquire\",\"seq\":");
	ASSERT_HAS(json, "\"policy\":{\"dir\":\"out\"");
	/* One event per line: every line is a whole JSON object. */
	for (char *l = strtok(json, "\n"); l; l = strtok(NULL, "\n"))
		ck_assert_msg(l[0] == '{' && l[strlen(l) - 1] == '}', "%s", l);
	free(out);
}
END_TEST

START_TEST(cli_bad_word)
{
	char *out = xt_sh_out("%s monitor sa bogus 2>&1; echo rc=$?", XFRMIFCTL);

	ASSERT_HAS(out, "'bogus'");
	ASSERT_HAS(out, "rc=2");
	free(out);
}
END_TEST

/* The example program reacts to an ACQUIRE and quits on "q". */
START_TEST(example_loop_reacts)
{
	char *out;

	route_out();
	ck_assert_int_eq(xt_sh("ip xfrm policy add src 192.0.2.1/32 "
			       "dst 198.51.100.8/32 proto udp dir out "
			       "tmpl src 192.0.2.1 dst 203.0.113.9 proto esp "
			       "reqid 9 mode tunnel"), 0);
	out = xt_sh_out(
		"d=$(mktemp -d); mkfifo $d/in\n"
		"%s <$d/in >$d/out 2>&1 & p=$!\n"
		"exec 3>$d/in\n"
		"n=0; until grep -q waiting $d/out; do n=$((n+1)); "
		"[ $n -gt 600 ] && break; sleep 0.1; done\n"
		"n=0; until grep -q negotiate $d/out; do bash -c 'echo x "
		">/dev/udp/198.51.100.8/9'; n=$((n+1)); [ $n -gt 600 ] && break; "
		"sleep 0.1; done\n"
		"echo q >&3; wait $p; echo rc=$?; cat $d/out; rm -rf $d",
		MONITOR_LOOP);
	ASSERT_HAS(out, "rc=0");
	ASSERT_HAS(out, "acquire: negotiate: 192.0.2.1 -> 203.0.113.9 spi "
			"0x00000000 reqid 9");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = xt_tcase(s, "monitor", true);

	tcase_add_test(tc, policy_events_decode_what_ip_did);
	tcase_add_test(tc, stopped_dispatch_keeps_the_rest);
	tcase_add_test(tc, acquire_for_policy_without_sa);
	tcase_add_test(tc, overflow_gives_lost_event);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, cli_prints_one_line_per_event);
	tcase_add_test(tc, cli_bad_word);
	tcase_add_test(tc, example_loop_reacts);
	return xt_run_suite(s);
}
