/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * White-box: kernel event messages built by hand (as the kernel lays them
 * out) and decoded into events: ACQUIRE, EXPIRE, SA delete with and without
 * keys, MAPPING, MIGRATE, flushes, links of other kinds skipped, and
 * malformed messages refused.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <linux/xfrm.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "event_priv.h"
#include "xtest.h"

static xfrmif_event ev;

static void setup(void)
{
	XT_ASSERT_OK(xfrmif__event_init(&ev));
}

static void teardown(void)
{
	xfrmif__event_fini(&ev);
}

static void a4(void *dst, const char *s)
{
	ck_assert_int_eq(inet_pton(AF_INET, s, dst), 1);
}

static void check_addr(int (*get)(const xfrmif_sa *, int *, void *),
		       const xfrmif_sa *sa, const char *want)
{
	unsigned char a[16], w[4];
	int fam;

	XT_ASSERT_OK(get(sa, &fam, a));
	ck_assert_int_eq(fam, AF_INET);
	a4(w, want);
	ck_assert_mem_eq(a, w, 4);
}

static struct nl_msg *msg(int type, const void *hdr, size_t len)
{
	struct nl_msg *m = nlmsg_alloc();

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(nlmsg_put(m, 0, 0, type, 0, 0));
	ck_assert_int_eq(nlmsg_append(m, (void *)hdr, len, NLMSG_ALIGNTO), 0);
	return m;
}

static void put(struct nl_msg *m, int type, const void *p, size_t len)
{
	ck_assert_int_eq(nla_put(m, type, (int)len, p), 0);
}

START_TEST(acquire_carries_sa_policy_and_if_id)
{
	struct xfrm_user_acquire acq;
	struct xfrm_user_tmpl t;
	struct xfrm_mark mark = { .v = 5, .m = 0xff };
	uint32_t if_id = 7, u, m, seq, aa, ea, ca;
	const xfrmif_policy *p;
	const xfrmif_sa *sa;
	struct nl_msg *nm;
	uint8_t v8;
	uint16_t port;
	int dir;

	memset(&acq, 0, sizeof(acq));
	memset(&t, 0, sizeof(t));
	acq.id.proto = IPPROTO_ESP;
	a4(&acq.id.daddr, "203.0.113.9");
	a4(&acq.saddr, "192.0.2.1");
	acq.sel.family = AF_INET;
	a4(&acq.sel.saddr, "192.0.2.1");
	a4(&acq.sel.daddr, "198.51.100.8");
	acq.sel.prefixlen_s = acq.sel.prefixlen_d = 32;
	acq.sel.proto = IPPROTO_UDP;
	acq.sel.dport = htons(9);
	acq.sel.dport_mask = 0xffff;
	acq.policy.sel = acq.sel;
	acq.policy.dir = XFRM_POLICY_OUT;
	acq.policy.index = 0x19;
	acq.aalgos = 1, acq.ealgos = 2, acq.calgos = 3, acq.seq = 44;
	t.family = AF_INET;
	t.id.proto = IPPROTO_ESP;
	t.id.daddr = acq.id.daddr;
	t.saddr = acq.saddr;
	t.reqid = 9;
	t.mode = XFRM_MODE_TUNNEL;
	nm = msg(XFRM_MSG_ACQUIRE, &acq, sizeof(acq));
	put(nm, XFRMA_TMPL, &t, sizeof(t));
	put(nm, XFRMA_MARK, &mark, sizeof(mark));
	put(nm, XFRMA_IF_ID, &if_id, sizeof(if_id));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	nlmsg_free(nm);

	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_ACQUIRE);
	XT_ASSERT_OK(xfrmif_event_get_sa(&ev, &sa));
	check_addr(xfrmif_sa_get_src, sa, "192.0.2.1");
	check_addr(xfrmif_sa_get_dst, sa, "203.0.113.9");
	XT_ASSERT_OK(xfrmif_sa_get_proto(sa, &v8));
	ck_assert_int_eq(v8, IPPROTO_ESP);
	ck_assert_int_eq(xfrmif_sa_get_spi(sa, &u), -ENODATA);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(sa, &u));
	ck_assert_uint_eq(u, 9);
	XT_ASSERT_OK(xfrmif_sa_get_mode(sa, &v8));
	ck_assert_int_eq(v8, XFRMIF_SA_MODE_TUNNEL);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(sa, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_sa_get_mark(sa, &u, &m));
	ck_assert_uint_eq(u, 5);
	ck_assert_uint_eq(m, 0xff);
	XT_ASSERT_OK(xfrmif_sa_get_sel_dport(sa, &port));
	ck_assert_uint_eq(port, 9);
	XT_ASSERT_OK(xfrmif_event_get_policy(&ev, &p));
	XT_ASSERT_OK(xfrmif_policy_get_if_id(p, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_policy_get_dir(p, &dir));
	ck_assert_int_eq(dir, XFRMIF_POLICY_DIR_OUT);
	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(p), 1);
	XT_ASSERT_OK(xfrmif_event_get_acquire(&ev, &seq, &aa, &ea, &ca));
	ck_assert_uint_eq(seq, 44);
	ck_assert_uint_eq(aa + 10 * ea + 100 * ca, 321);
	/* Accessors of other event types answer -ENODATA. */
	ck_assert_int_eq(xfrmif_event_get_hard(&ev, &dir), -ENODATA);
	ck_assert_int_eq(xfrmif_event_get_link(&ev, &(const xfrmif_link *){ 0 }),
			 -ENODATA);
	ck_assert_str_eq(xfrmif_event_type_name(XFRMIF_EVENT_ACQUIRE), "acquire");
	ck_assert_ptr_null(xfrmif_event_type_name(999));
}
END_TEST

static struct xfrm_usersa_info sa_info(void)
{
	struct xfrm_usersa_info i;

	memset(&i, 0, sizeof(i));
	i.family = AF_INET;
	a4(&i.saddr, "192.0.2.1");
	a4(&i.id.daddr, "192.0.2.2");
	i.id.proto = IPPROTO_ESP;
	i.id.spi = htonl(0x1234);
	i.reqid = 3;
	return i;
}

START_TEST(expire_soft_and_hard)
{
	struct xfrm_user_expire ue;
	uint32_t if_id = 11, u;
	const xfrmif_sa *sa;
	struct nl_msg *nm;
	int hard;

	for (int h = 0; h < 2; h++) {
		memset(&ue, 0, sizeof(ue));
		ue.state = sa_info();
		ue.hard = (uint8_t)h;
		nm = msg(XFRM_MSG_EXPIRE, &ue, sizeof(ue));
		put(nm, XFRMA_IF_ID, &if_id, sizeof(if_id));
		ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm),
							  false), 0);
		nlmsg_free(nm);
		ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_EXPIRE);
		XT_ASSERT_OK(xfrmif_event_get_hard(&ev, &hard));
		ck_assert_int_eq(hard, h);
		XT_ASSERT_OK(xfrmif_event_get_sa(&ev, &sa));
		XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &u));
		ck_assert_uint_eq(u, 0x1234);
		XT_ASSERT_OK(xfrmif_sa_get_if_id(sa, &u));
		ck_assert_uint_eq(u, 11);
		check_addr(xfrmif_sa_get_dst, sa, "192.0.2.2");
	}
}
END_TEST

/* A DELSA event: the id, then the whole state in XFRMA_SA, then its keys. */
static struct nl_msg *delsa_with_key(void)
{
	struct xfrm_usersa_info info = sa_info();
	struct xfrm_usersa_id id = { .daddr = info.id.daddr,
				     .spi = info.id.spi,
				     .family = AF_INET,
				     .proto = IPPROTO_ESP };
	struct {
		struct xfrm_algo a;
		uint8_t key[16];
	} alg;
	struct nl_msg *nm;

	memset(&alg, 0, sizeof(alg));
	strcpy(alg.a.alg_name, "cbc(aes)");
	alg.a.alg_key_len = 128;
	memset(alg.key, 0xab, sizeof(alg.key));
	nm = msg(XFRM_MSG_DELSA, &id, sizeof(id));
	put(nm, XFRMA_SA, &info, sizeof(info));
	put(nm, XFRMA_ALG_CRYPT, &alg, sizeof(alg));
	return nm;
}

START_TEST(sa_delete_hides_keys_unless_asked)
{
	const uint8_t *key;
	const char *name;
	const xfrmif_sa *sa;
	struct nl_msg *nm = delsa_with_key();
	size_t len;
	uint32_t u;

	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_SA_DEL);
	XT_ASSERT_OK(xfrmif_event_get_sa(&ev, &sa));
	XT_ASSERT_OK(xfrmif_sa_get_enc(sa, &name, &key, &len));
	ck_assert_str_eq(name, "cbc(aes)");
	ck_assert_ptr_null(key);
	ck_assert_uint_eq(len, 16);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(sa, &u));
	ck_assert_uint_eq(u, 3);

	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), true), 0);
	XT_ASSERT_OK(xfrmif_sa_get_enc(sa, &name, &key, &len));
	ck_assert_ptr_nonnull(key);
	ck_assert_uint_eq(key[0], 0xab);
	/* Clearing the event wipes what it held. */
	xfrmif__event_clear(&ev);
	ck_assert_int_eq(xfrmif_sa_get_enc(ev.sa, &name, &key, &len), -ENODATA);
	ck_assert_int_eq(xfrmif_event_get_sa(&ev, &sa), -ENODATA);
	nlmsg_free(nm);
}
END_TEST

START_TEST(mapping_and_migrate)
{
	struct xfrm_user_mapping um;
	struct xfrm_userpolicy_id pid;
	struct xfrm_user_migrate mig[2];
	struct xfrmif_migrate out = { .sz = sizeof(out) };
	unsigned char o[16], n[16], w[4];
	uint16_t op, np;
	struct nl_msg *nm;
	int fam;

	memset(&um, 0, sizeof(um));
	um.id.family = AF_INET;
	um.id.proto = IPPROTO_ESP;
	um.id.spi = htonl(0x77);
	a4(&um.id.daddr, "192.0.2.2");
	a4(&um.old_saddr, "198.51.100.1");
	a4(&um.new_saddr, "198.51.100.2");
	um.old_sport = htons(4500);
	um.new_sport = htons(4501);
	nm = msg(XFRM_MSG_MAPPING, &um, sizeof(um));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	nlmsg_free(nm);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_MAPPING);
	XT_ASSERT_OK(xfrmif_event_get_mapping(&ev, &fam, o, &op, n, &np));
	ck_assert_int_eq(fam, AF_INET);
	a4(w, "198.51.100.2");
	ck_assert_mem_eq(n, w, 4);
	ck_assert_uint_eq(op, 4500);
	ck_assert_uint_eq(np, 4501);

	memset(&pid, 0, sizeof(pid));
	memset(mig, 0, sizeof(mig));
	pid.sel.family = AF_INET;
	pid.dir = XFRM_POLICY_OUT;
	for (int i = 0; i < 2; i++) {
		mig[i].proto = IPPROTO_ESP;
		mig[i].mode = XFRM_MODE_TUNNEL;
		mig[i].reqid = (uint32_t)i + 1;
		mig[i].old_family = mig[i].new_family = AF_INET;
		a4(&mig[i].new_daddr, "203.0.113.5");
	}
	nm = msg(XFRM_MSG_MIGRATE, &pid, sizeof(pid));
	put(nm, XFRMA_MIGRATE, mig, sizeof(mig));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	nlmsg_free(nm);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_MIGRATE);
	ck_assert_int_eq(xfrmif_event_get_migrate_count(&ev), 2);
	XT_ASSERT_OK(xfrmif_event_get_migrate(&ev, 1, &out));
	ck_assert_uint_eq(out.reqid, 2);
	a4(w, "203.0.113.5");
	ck_assert_mem_eq(out.new_dst, w, 4);
	ck_assert_int_eq(xfrmif_event_get_migrate(&ev, 2, &out), -ENOENT);
}
END_TEST

START_TEST(flushes)
{
	struct xfrm_usersa_flush f = { .proto = IPPROTO_AH };
	struct xfrm_userpolicy_type t = { .type = XFRM_POLICY_TYPE_SUB };
	const xfrmif_policy *p;
	struct nl_msg *nm;
	uint8_t proto;
	int type;

	nm = msg(XFRM_MSG_FLUSHSA, &f, sizeof(f));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	nlmsg_free(nm);
	XT_ASSERT_OK(xfrmif_event_get_flush_proto(&ev, &proto));
	ck_assert_uint_eq(proto, IPPROTO_AH);

	nm = nlmsg_alloc();
	nlmsg_put(nm, 0, 0, XFRM_MSG_FLUSHPOLICY, 0, 0);
	put(nm, XFRMA_POLICY_TYPE, &t, sizeof(t));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 0);
	nlmsg_free(nm);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_POLICY_FLUSH);
	XT_ASSERT_OK(xfrmif_event_get_policy(&ev, &p));
	XT_ASSERT_OK(xfrmif_policy_get_type(p, &type));
	ck_assert_int_eq(type, XFRMIF_POLICY_TYPE_SUB);
}
END_TEST

static struct nl_msg *link_msg(int type, const char *kind, uint32_t if_id)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 4,
				 .ifi_change = 0xffffffffu };
	struct nl_msg *nm = msg(type, &ifi, sizeof(ifi));
	struct nlattr *li, *data;

	ck_assert_int_eq(nla_put_string(nm, IFLA_IFNAME, "ipsec0"), 0);
	li = nla_nest_start(nm, IFLA_LINKINFO);
	ck_assert_int_eq(nla_put_string(nm, IFLA_INFO_KIND, kind), 0);
	if (if_id) {
		data = nla_nest_start(nm, IFLA_INFO_DATA);
		ck_assert_int_eq(nla_put_u32(nm, IFLA_XFRM_IF_ID, if_id), 0);
		nla_nest_end(nm, data);
	}
	nla_nest_end(nm, li);
	return nm;
}

START_TEST(links_of_our_kinds_only)
{
	const xfrmif_link *l;
	struct nl_msg *nm;
	uint32_t u;

	nm = link_msg(RTM_NEWLINK, "veth", 0);
	ck_assert_int_eq(xfrmif__event_parse_link(&ev, nlmsg_hdr(nm)), 1);
	nlmsg_free(nm);
	nm = link_msg(RTM_NEWLINK, "xfrm", 9);
	ck_assert_int_eq(xfrmif__event_parse_link(&ev, nlmsg_hdr(nm)), 0);
	nlmsg_free(nm);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_LINK_NEW);
	XT_ASSERT_OK(xfrmif_event_get_link(&ev, &l));
	XT_ASSERT_OK(xfrmif_link_get_if_id(l, &u));
	ck_assert_uint_eq(u, 9);
	ck_assert_str_eq(xfrmif_link_get_name(l), "ipsec0");
	XT_ASSERT_OK(xfrmif_event_get_link_change(&ev, &u));
	ck_assert_uint_eq(u, 0xffffffffu);
	nm = link_msg(RTM_DELLINK, "vti", 0);
	ck_assert_int_eq(xfrmif__event_parse_link(&ev, nlmsg_hdr(nm)), 0);
	nlmsg_free(nm);
	ck_assert_int_eq(xfrmif_event_get_type(&ev), XFRMIF_EVENT_LINK_DEL);
}
END_TEST

START_TEST(malformed_refused)
{
	struct xfrm_user_acquire acq;
	struct xfrm_user_migrate mig;
	struct xfrm_userpolicy_id pid;
	struct nl_msg *nm;
	uint8_t junk[8] = { 0 };

	memset(&acq, 0, sizeof(acq));
	/* Too short for its fixed part. */
	nm = msg(XFRM_MSG_ACQUIRE, &acq, sizeof(acq) - 4);
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false),
			 -EBADMSG);
	nlmsg_free(nm);
	nm = msg(XFRM_MSG_EXPIRE, junk, sizeof(junk));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false),
			 -EBADMSG);
	nlmsg_free(nm);
	/* A DELSA without its state. */
	nm = msg(XFRM_MSG_DELSA, &(struct xfrm_usersa_id){ .family = AF_INET },
		 sizeof(struct xfrm_usersa_id));
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false),
			 -EBADMSG);
	nlmsg_free(nm);
	/* A migration entry cut short. */
	memset(&pid, 0, sizeof(pid));
	memset(&mig, 0, sizeof(mig));
	nm = msg(XFRM_MSG_MIGRATE, &pid, sizeof(pid));
	put(nm, XFRMA_MIGRATE, &mig, sizeof(mig) - 2);
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false),
			 -EBADMSG);
	nlmsg_free(nm);
	/* A type the library does not report. */
	nm = msg(XFRM_MSG_GETSADINFO, junk, 4);
	ck_assert_int_eq(xfrmif__event_parse_xfrm(&ev, nlmsg_hdr(nm), false), 1);
	nlmsg_free(nm);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("event");
	TCase *tc = xt_tcase(s, "event", false);

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, acquire_carries_sa_policy_and_if_id);
	tcase_add_test(tc, expire_soft_and_hard);
	tcase_add_test(tc, sa_delete_hides_keys_unless_asked);
	tcase_add_test(tc, mapping_and_migrate);
	tcase_add_test(tc, flushes);
	tcase_add_test(tc, links_of_our_kinds_only);
	tcase_add_test(tc, malformed_refused);
	return xt_run_suite(s);
}
