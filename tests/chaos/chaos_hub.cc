// chaos_hub: opsroom-hub for power-loss and disk-full tests. The same command
// line and the same HubServer, its store on a FaultFileSystem. SIGUSR1 cuts
// the power: every byte not synced vanishes (a WAL may keep a torn part of its
// tail when OPSROOM_POWERCUT_TEAR_SEED is set), then the process exits at once
// with 137. SIGUSR2 fills the disk (every write fails with NoSpace) or frees
// it again. SIGTERM and SIGINT stop it cleanly, as they stop opsroom-hub.
#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include <rocksdb/env.h>

#include "chaos/fault_fs.h"
#include "hub/config.h"
#include "hub/hub_server.h"
#include "hub/tools/command_line.h"

namespace {

constexpr int kPowerCutExit = 137;

void WriteLine(const std::string& line) {
  std::string text = line + "\n";
  static_cast<void>(::write(STDERR_FILENO, text.data(), text.size()));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom;
  hub::ParsedCommand parsed = hub::ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.command || parsed.command->kind != hub::CommandKind::kRun) {
    std::cerr << "chaos_hub: runs the hub only (" << parsed.error << ")\n" << hub::UsageText();
    return 2;
  }
  // Signals are taken by one thread with sigwait; block them everywhere first.
  sigset_t signals;
  sigemptyset(&signals);
  for (int signo : {SIGUSR1, SIGUSR2, SIGTERM, SIGINT}) sigaddset(&signals, signo);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto file_system = std::make_shared<chaos::FaultFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(file_system);
  hub::HubConfig config = parsed.command->config;
  config.store_env = env.get();
  const char* tear = std::getenv("OPSROOM_POWERCUT_TEAR_SEED");
  uint64_t tear_seed = tear != nullptr ? std::strtoull(tear, nullptr, 10) : 0;

  hub::HubServer server(config);
  if (wire::Status started = server.Start(); !started.ok) {
    std::cerr << "chaos_hub: " << started.error << '\n';
    return 1;
  }
  WriteLine("chaos_hub: serving on " + server.router_endpoint() + ", hub_seq " +
            std::to_string(server.stats().Get(hub::Counter::kHubSeq)) + (config.sync ? "" : " (--sync=none)"));
  std::thread watcher([&] {
    int signo = 0;
    while (sigwait(&signals, &signo) == 0 && signo == SIGUSR2) {
      file_system->SetDiskFull(!file_system->disk_full());
      WriteLine(std::string("chaos_hub: disk ") + (file_system->disk_full() ? "FULL" : "has space again") +
                " at hub_seq " + std::to_string(server.stats().Get(hub::Counter::kHubSeq)));
    }
    if (signo == SIGUSR1) {
      chaos::FaultFileSystem::CutReport cut = file_system->PowerCut(tear_seed);
      WriteLine("chaos_hub: POWER CUT at hub_seq " + std::to_string(server.stats().Get(hub::Counter::kHubSeq)) + ": " +
                std::to_string(cut.bytes_dropped) + " unsynced bytes dropped, " + std::to_string(cut.files_truncated) +
                " files cut back, " + std::to_string(cut.files_removed) + " removed, " +
                std::to_string(cut.torn_bytes_kept) + " torn WAL bytes kept");
      ::_exit(kPowerCutExit);
    }
    server.RequestStop();
  });
  server.Run();
  // Run returns only after RequestStop, i.e. after the watcher took SIGTERM or SIGINT.
  watcher.join();
  return 0;
}
