#!/bin/sh
# meson test --wrapper: runs the Check programs under valgrind memcheck
# (no fork, so that the test bodies themselves are checked); scripts run
# unwrapped.
case "$(head -c 4 "$1" | od -An -c | tr -d ' ')" in
*ELF*)
	CK_FORK=no exec valgrind --quiet --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible "$@" ;;
*)
	exec "$@" ;;
esac
