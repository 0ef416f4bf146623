/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fault injection over whole tunnels (needs the guest's xfrm interfaces
 * and ESP): the Nth allocation, message or socket call of `tunnel up`
 * fails, for every N until up succeeds; each time up must fail, and
 * nothing of the tunnel may be left in either namespace (its rollback also
 * removes what a request whose answer was lost may have created). Then the
 * same walk over `tunnel down` of a complete tunnel: it must either finish
 * or fail, and a second, fault-free down must leave nothing.
 */
#include "tunnel-fixture.h"
#include "xfault.h"

/* The interface lives in B's namespace, the SAs and policies in A's: the
 * case with the most steps. */
static xfrmif_tunnel *netns_tunnel(struct pair *p)
{
	xfrmif_tunnel *t = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 0);

	XT_ASSERT_OK(xfrmif_tunnel_set_link_netns(t, p->b));
	return t;
}

START_TEST(walk_tunnel_up)
{
	struct pair p;
	xfrmif_tunnel *t;
	int n, r;

	pair_up(&p, "fup");
	t = netns_tunnel(&p);
	for (n = 1; n < 100000; n++) {
		xfault_arm(n);
		r = xfrmif_tunnel_up(p.ca, t);
		xfault_disarm();
		if (!xfault_fired)
			break;
		ck_assert_msg(r < 0, "call %d failed, yet up returned %d", n, r);
		nothing_left(p.a);
		nothing_left(p.b);
	}
	ck_assert_msg(r == 0, "up without a fault: %d %s", r,
		      xfrmif_ctx_errmsg(p.ca));
	ck_assert_int_gt(n, 20); /* really walked a whole tunnel */
	XT_ASSERT_OK(xfrmif_tunnel_down(p.ca, t));
	nothing_left(p.a);
	nothing_left(p.b);
	xfrmif_tunnel_free(t);
	pair_down(&p);
}
END_TEST

START_TEST(walk_tunnel_down)
{
	struct pair p;
	xfrmif_tunnel *t;
	int n, r;

	pair_up(&p, "fdn");
	t = netns_tunnel(&p);
	for (n = 1; n < 100000; n++) {
		up(p.ca, t);
		xfault_arm(n);
		r = xfrmif_tunnel_down(p.ca, t);
		xfault_disarm();
		if (!xfault_fired) {
			XT_ASSERT_OK(r);
			nothing_left(p.a);
			nothing_left(p.b);
			break;
		}
		/* A failed down may leave pieces; taking it down again must
		 * finish the job. */
		r = xfrmif_tunnel_down(p.ca, t);
		ck_assert_msg(r == 0, "down after a fault at %d: %d %s", n, r,
			      xfrmif_ctx_errmsg(p.ca));
		nothing_left(p.a);
		nothing_left(p.b);
	}
	ck_assert_int_gt(n, 5);
	xfrmif_tunnel_free(t);
	pair_down(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("faults-vm");
	TCase *tc = xt_tcase(s, "faults-vm", true);

	tcase_set_timeout(tc, 1200);
	tcase_add_test(tc, walk_tunnel_up);
	tcase_add_test(tc, walk_tunnel_down);
	return xt_run_suite(s);
}
