/* A slow disk for benchmarks, loaded with LD_PRELOAD: every fsync and
 * fdatasync sleeps OPSROOM_SYNC_DELAY_US microseconds (default 1000) before
 * the real call, and the process counts them; at exit the count is appended
 * to the file named by OPSROOM_SYNC_COUNT_FILE (if set) as "<pid> <count>".
 * The chaos harness's fault file system (tests/chaos/fault_fs.*) wraps one
 * RocksDB instance inside a process; this reaches every RocksDB of a process
 * and its children (the hub, the node's outbox, opsroom-node send). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static atomic_ulong syncs;

static void Delay(void) {
  const char* text = getenv("OPSROOM_SYNC_DELAY_US");
  long us = text != NULL ? atol(text) : 1000;
  struct timespec pause = {us / 1000000, (us % 1000000) * 1000};
  if (us > 0) nanosleep(&pause, NULL);
  atomic_fetch_add(&syncs, 1);
}

int fsync(int fd) {
  static int (*real)(int);
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  Delay();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  Delay();
  return real(fd);
}

__attribute__((destructor)) static void ReportSyncs(void) {
  const char* path = getenv("OPSROOM_SYNC_COUNT_FILE");
  if (path == NULL) return;
  FILE* file = fopen(path, "a");
  if (file == NULL) return;
  fprintf(file, "%d %lu\n", (int)getpid(), (unsigned long)atomic_load(&syncs));
  fclose(file);
}
