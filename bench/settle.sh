# Sourced by bench/build.sh and bench/compare.sh: removing benchmark
# outputs without slowing down the builds measured after it.
#
# On ext4 without a journal (as on the development machine), for about
# six minutes after many files are deleted, creating
# files and folders costs several times more system time: the inode
# allocator steps over every recently deleted inode of a block group, one
# by one (`recently_deleted` in the kernel's ext4/ialloc.c: 60 seconds from
# the deletion, 360 while the inode table block is dirty, which new files
# in it make it). A benchmark that removes the last run's output and then
# builds measures that as much as the build. So outputs are kept until the
# end of a run, removed then, and the time is noted; the next run first
# waits until SETTLE seconds (default 360) have passed since.

settle=${SETTLE:-360}
removal_stamp=$work/last-removal

# Wait until the outputs removed by an earlier run have settled.
wait_settled() {
  [ -f "$removal_stamp" ] || return 0
  local left=$(($(cat "$removal_stamp") + settle - $(date +%s)))
  if [ "$left" -gt 0 ]; then
    echo "waiting ${left} s for the outputs removed at the end of the last run to settle (SETTLE=$settle)" >&2
    sleep "$left"
  fi
}

# Remove benchmark outputs now, and note when.
remove_outputs() {
  [ $# -gt 0 ] || return 0
  rm -rf "$@"
  sync
  date +%s >"$removal_stamp"
}
