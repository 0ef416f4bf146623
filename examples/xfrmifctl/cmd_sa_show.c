/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl sa: printing an SA as text (iproute2-like) or JSON. */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "cmd_sa.h"

const char *const sa_flag_names[8] = {
	"noecn", "decap-dscp", "nopmtudisc", "wildrecv",
	"icmp", "af-unspec", "align4", "esn",
};
const char *const sa_xflag_names[2] = { "dont-encap-dscp", "oseq-may-wrap" };

const char *sa_proto_name(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_ESP: return "esp";
	case IPPROTO_AH: return "ah";
	case IPPROTO_COMP: return "comp";
	}
	return "?";
}

const char *sa_mode_name(uint8_t mode)
{
	switch (mode) {
	case XFRMIF_SA_MODE_TRANSPORT: return "transport";
	case XFRMIF_SA_MODE_TUNNEL: return "tunnel";
	case XFRMIF_SA_MODE_BEET: return "beet";
	}
	return "?";
}

const char *sa_encap_name(uint16_t type)
{
	switch (type) {
	case XFRMIF_SA_ENCAP_ESPINUDP: return "espinudp";
	case XFRMIF_SA_ENCAP_ESPINUDP_NONIKE: return "espinudp-nonike";
	case XFRMIF_SA_ENCAP_ESPINTCP: return "espintcp";
	}
	return "?";
}

static const char *addr_str(int family, const void *a, char *buf)
{
	if (!inet_ntop(family, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

static void key_hex(const uint8_t *key, size_t len, char *buf)
{
	strcpy(buf, "0x");
	for (size_t i = 0; i < len; i++)
		sprintf(buf + 2 + 2 * i, "%02x", key[i]);
}

/* One algorithm: name, key length, ICV/truncation, and the key if shown. */
static void print_alg(struct cli *c, const char *kind, const char *name,
		      const uint8_t *key, size_t key_len, int has_len,
		      uint32_t len_bits, bool show_keys)
{
	char hex[2 * XFRMIF_SA_KEY_MAX + 3];

	if (key && show_keys)
		key_hex(key, key_len, hex);
	if (c->json) {
		json_object_begin(&c->j, kind);
		json_string(&c->j, "name", name);
		json_uint(&c->j, "key_bits", key_len * 8);
		if (has_len)
			json_uint(&c->j, strcmp(kind, "aead") ? "trunc_bits"
							     : "icv_bits",
				  len_bits);
		if (key && show_keys)
			json_string(&c->j, "key", hex);
		json_object_end(&c->j);
		return;
	}
	printf("\t%s %s %s", kind, name, key && show_keys ? hex : "(hidden)");
	if (has_len)
		printf(" %u", len_bits);
	printf(" (%zu bits)\n", key_len * 8);
	explicit_bzero(hex, sizeof(hex));
}

static void print_algs(struct cli *c, const xfrmif_sa *sa, bool show_keys)
{
	const char *name;
	const uint8_t *key;
	size_t len;
	uint32_t bits;

	if (xfrmif_sa_get_aead(sa, &name, &key, &len, &bits) == 0)
		print_alg(c, "aead", name, key, len, 1, bits, show_keys);
	if (xfrmif_sa_get_enc(sa, &name, &key, &len) == 0)
		print_alg(c, "enc", name, key, len, 0, 0, show_keys);
	if (xfrmif_sa_get_auth(sa, &name, &key, &len, &bits) == 0)
		print_alg(c, "auth-trunc", name, key, len, 1, bits, show_keys);
	if (xfrmif_sa_get_comp(sa, &name) == 0) {
		if (c->json)
			json_string(&c->j, "comp", name);
		else
			printf("\tcomp %s\n", name);
	}
}

static void print_flags(struct cli *c, const char *key,
			const char *const *names, size_t n, uint32_t v)
{
	if (c->json) {
		json_array_begin(&c->j, key);
		for (size_t i = 0; i < n; i++)
			if (v & (1u << i))
				json_string(&c->j, NULL, names[i]);
		json_array_end(&c->j);
		return;
	}
	if (!v)
		return;
	printf("\t%s", key);
	for (size_t i = 0; i < n; i++)
		if (v & (1u << i))
			printf(" %s", names[i]);
	putchar('\n');
}

static void print_sel(struct cli *c, const xfrmif_sa *sa)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned char a[16];
	int fam;
	uint8_t plen, proto;
	uint16_t port;

	if (c->json)
		json_object_begin(&c->j, "sel");
	else
		printf("\tsel");
	if (xfrmif_sa_get_sel_src(sa, &fam, a, &plen) == 0) {
		if (c->json) {
			json_string(&c->j, "src", addr_str(fam, a, buf));
			json_uint(&c->j, "src_prefixlen", plen);
		} else
			printf(" src %s/%u", addr_str(fam, a, buf), plen);
	}
	if (xfrmif_sa_get_sel_dst(sa, &fam, a, &plen) == 0) {
		if (c->json) {
			json_string(&c->j, "dst", addr_str(fam, a, buf));
			json_uint(&c->j, "dst_prefixlen", plen);
		} else
			printf(" dst %s/%u", addr_str(fam, a, buf), plen);
	}
	if (xfrmif_sa_get_sel_proto(sa, &proto) == 0) {
		if (c->json)
			json_uint(&c->j, "proto", proto);
		else
			printf(" proto %u", proto);
	}
	if (xfrmif_sa_get_sel_sport(sa, &port) == 0) {
		if (c->json)
			json_uint(&c->j, "sport", port);
		else
			printf(" sport %u", port);
	}
	if (xfrmif_sa_get_sel_dport(sa, &port) == 0) {
		if (c->json)
			json_uint(&c->j, "dport", port);
		else
			printf(" dport %u", port);
	}
	if (c->json)
		json_object_end(&c->j);
	else
		putchar('\n');
}

static const char *const limit_names[8] = {
	"byte-soft", "byte-hard", "packet-soft", "packet-hard",
	"time-soft", "time-hard", "time-use-soft", "time-use-hard",
};
static const char *const counter_names[7] = {
	"bytes", "packets", "add_time", "use_time",
	"replay_window_failures", "replay_failures", "integrity_failures",
};

static void print_numbers(struct cli *c, const xfrmif_sa *sa)
{
	uint64_t v;

	if (c->json)
		json_object_begin(&c->j, "limits");
	else
		printf("\tlimit");
	for (int i = 0; i < 8; i++) {
		xfrmif_sa_get_limit(sa, i, &v);
		if (c->json) {
			if (v == UINT64_MAX)
				json_string(&c->j, limit_names[i], "inf");
			else
				json_uint(&c->j, limit_names[i], v);
		} else if (v == UINT64_MAX)
			printf(" %s inf", limit_names[i]);
		else
			printf(" %s %" PRIu64, limit_names[i], v);
	}
	if (c->json)
		json_object_end(&c->j);
	else
		putchar('\n');
	if (xfrmif_sa_get_counter(sa, 0, &v) < 0)
		return;
	if (c->json)
		json_object_begin(&c->j, "counters");
	else
		printf("\tcounters");
	for (int i = 0; i < 7; i++) {
		xfrmif_sa_get_counter(sa, i, &v);
		if (c->json)
			json_uint(&c->j, counter_names[i], v);
		else
			printf(" %s %" PRIu64, counter_names[i], v);
	}
	if (c->json)
		json_object_end(&c->j);
	else
		putchar('\n');
}

void sa_print(struct cli *c, const xfrmif_sa *sa, bool show_keys)
{
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN];
	unsigned char s[16], d[16], oa[16];
	int sf = 0, df = 0, oaf;
	uint32_t spi = 0, reqid = 0, v, m, flags, xflags;
	uint64_t oseq, seq;
	uint16_t et, sp, dp;
	uint8_t proto = 0, mode = 0, dir;
	bool j = c->json;

	xfrmif_sa_get_src(sa, &sf, s);
	xfrmif_sa_get_dst(sa, &df, d);
	xfrmif_sa_get_proto(sa, &proto);
	xfrmif_sa_get_spi(sa, &spi);
	xfrmif_sa_get_reqid(sa, &reqid);
	xfrmif_sa_get_mode(sa, &mode);
	if (j) {
		json_object_begin(&c->j, NULL);
		json_string(&c->j, "src", addr_str(sf, s, b1));
		json_string(&c->j, "dst", addr_str(df, d, b2));
		json_string(&c->j, "family", sf == AF_INET6 ? "inet6" : "inet");
		json_string(&c->j, "proto", sa_proto_name(proto));
		json_uint(&c->j, "spi", spi);
		json_uint(&c->j, "reqid", reqid);
		json_string(&c->j, "mode", sa_mode_name(mode));
	} else {
		printf("src %s dst %s\n", addr_str(sf, s, b1), addr_str(df, d, b2));
		printf("\tproto %s spi 0x%08x reqid %u mode %s\n",
		       sa_proto_name(proto), spi, reqid, sa_mode_name(mode));
	}
	if (xfrmif_sa_get_if_id(sa, &v) == 0) {
		if (j)
			json_uint(&c->j, "if_id", v);
		else
			printf("\tif_id %u\n", v);
	}
	if (xfrmif_sa_get_mark(sa, &v, &m) == 0) {
		if (j) {
			json_uint(&c->j, "mark", v);
			json_uint(&c->j, "mark_mask", m);
		} else
			printf("\tmark 0x%x/0x%x\n", v, m);
	}
	if (xfrmif_sa_get_output_mark(sa, &v, &m) == 0) {
		if (j) {
			json_uint(&c->j, "output_mark", v);
			json_uint(&c->j, "output_mark_mask", m);
		} else
			printf("\toutput-mark 0x%x/0x%x\n", v, m);
	}
	xfrmif_sa_get_replay_window(sa, &v);
	if (j)
		json_uint(&c->j, "replay_window", v);
	else
		printf("\treplay-window %u", v);
	if (xfrmif_sa_get_replay_seq(sa, &oseq, &seq) == 0) {
		if (j) {
			json_uint(&c->j, "oseq", oseq);
			json_uint(&c->j, "seq", seq);
		} else
			printf(" oseq 0x%" PRIx64 " seq 0x%" PRIx64, oseq, seq);
	}
	if (!j)
		putchar('\n');
	xfrmif_sa_get_flags(sa, &flags);
	xfrmif_sa_get_xflags(sa, &xflags);
	print_flags(c, j ? "flags" : "flag", sa_flag_names, 8, flags);
	print_flags(c, j ? "extra_flags" : "extra-flag", sa_xflag_names, 2, xflags);
	print_algs(c, sa, show_keys);
	if (xfrmif_sa_get_encap(sa, &et, &sp, &dp, &oaf, oa) == 0) {
		if (j) {
			json_object_begin(&c->j, "encap");
			json_string(&c->j, "type", sa_encap_name(et));
			json_uint(&c->j, "sport", sp);
			json_uint(&c->j, "dport", dp);
			if (oaf)
				json_string(&c->j, "oa", addr_str(oaf, oa, b1));
			json_object_end(&c->j);
		} else
			printf("\tencap type %s sport %u dport %u addr %s\n",
			       sa_encap_name(et), sp, dp,
			       oaf ? addr_str(oaf, oa, b1) : "0.0.0.0");
	}
	if (xfrmif_sa_get_tfcpad(sa, &v) == 0) {
		if (j)
			json_uint(&c->j, "tfcpad", v);
		else
			printf("\ttfcpad %u\n", v);
	}
	if (xfrmif_sa_get_dir(sa, &dir) == 0) {
		const char *dn = dir == XFRMIF_SA_DIR_IN ? "in" : "out";
		if (j)
			json_string(&c->j, "dir", dn);
		else
			printf("\tdir %s\n", dn);
	}
	print_sel(c, sa);
	print_numbers(c, sa);
	if (j)
		json_object_end(&c->j);
}
