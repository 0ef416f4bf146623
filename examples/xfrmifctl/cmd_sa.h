/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl sa: shared between the command parser and the printer. */
#ifndef XFRMIFCTL_CMD_SA_H
#define XFRMIFCTL_CMD_SA_H

#include "cli.h"

/* Prints one SA as text or (with -j) as one JSON object. Keys only when
 * the object holds them and show_keys is set. */
void sa_print(struct cli *c, const xfrmif_sa *sa, bool show_keys);

/* Names of the protocol, mode, encapsulation type and direction. */
const char *sa_proto_name(uint8_t proto);
const char *sa_mode_name(uint8_t mode);
const char *sa_encap_name(uint16_t type);

/* The flag and extra-flag words, indexed by bit number. */
extern const char *const sa_flag_names[8];
extern const char *const sa_xflag_names[2];

/* Shared with cmd_tunnel.c: the algorithm parser of `sa add`. It parses
 * one algorithm (`aead NAME KEY ICV`, `enc NAME KEY`, `auth NAME KEY`,
 * `auth-trunc NAME KEY BITS`, `comp NAME`) starting with the keyword at
 * argv[*i], advances *i past it and returns 0 or EXIT_USAGE. */
int sa_parse_alg_words(int argc, char **argv, int *i, xfrmif_sa *sa);

#endif
