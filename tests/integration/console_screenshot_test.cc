// The real opsroom-console under Xvfb against a real hub fed by the real
// simulator (opsroom-node simulate): the screenshot must show Montenegro's
// fill at Podgorica and an alert's colour at the alert's position. Skipped,
// loudly, only where xvfb-run is missing.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <stb_image.h>

#include "console/model/marker_style.h"
#include "console/model/projection.h"
#include "nodes/envelope_builder.h"
#include "nodes/publisher.h"
#include "tests/integration/hub_fixture.h"

extern char** environ;

namespace opsroom::console {
namespace {

namespace fs = std::filesystem;
using opsroom::testing::HubFixture;

// An isolated spot in the Adriatic, far from every place the simulator uses.
constexpr LatLon kTestAlertAt{42.05, 17.55};
constexpr LatLon kPodgorica{42.441, 19.263};

bool HaveXvfbRun() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }

// A child process we can stop (the simulator runs until told to).
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Child() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

double JsonNumber(const std::string& json, const std::string& key) {
  std::size_t at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return std::nan("");
  return std::strtod(json.c_str() + at + key.size() + 3, nullptr);
}

struct Picture {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
  Rgba At(int x, int y) const {
    const unsigned char* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
    return MakeRgba(p[0], p[1], p[2]);
  }
  // True when some pixel within `radius` of p has exactly `color` (RGB).
  bool HasNear(ScreenPoint p, int radius, Rgba color, Rgba* seen) const {
    int cx = static_cast<int>(p.x), cy = static_cast<int>(p.y);
    *seen = (cx >= 0 && cy >= 0 && cx < width && cy < height) ? At(cx, cy) : 0;
    for (int dy = -radius; dy <= radius; ++dy) {
      for (int dx = -radius; dx <= radius; ++dx) {
        int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= width || y >= height || dx * dx + dy * dy > radius * radius) continue;
        if ((At(x, y) & 0xFFFFFF) == (color & 0xFFFFFF)) return true;
      }
    }
    return false;
  }
};

void PublishTestAlert(HubFixture& hub) {
  nodes::PublisherConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.node_id = "ME-TEST";
  config.country = "ME";
  nodes::Publisher publisher(hub.context(), config);
  ASSERT_TRUE(publisher.Connect().ok());
  nodes::EnvelopeHeader header;
  header.origin = "ME-TEST";
  header.country = "ME";
  header.node_seq = publisher.NextNodeSeq();
  header.sent_at_ms = opsroom::testing::NowMs();
  nodes::AlertSpec alert;
  alert.alert_id = "ME-TEST-SCREENSHOT";
  alert.severity = wire::Severity::Flash;
  alert.crime_area = wire::CrimeArea::MigrantSmuggling;
  alert.title = "Screenshot test: boat in the southern Adriatic";
  alert.position = nodes::LatLon{kTestAlertAt.lat, kTestAlertAt.lon};
  alert.observed_at_ms = header.sent_at_ms;
  ASSERT_TRUE(publisher.Publish(nodes::BuildEnvelope(header, alert)).ok());
  ASSERT_TRUE(publisher.Flush(5000));
  auto outcomes = publisher.TakeOutcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_TRUE(outcomes[0].acknowledged()) << outcomes[0].rejection.text;
}

TEST(ConsoleScreenshot, PodgoricaHasMontenegrosFillAndTheAlertItsSeverityColour) {
  if (!HaveXvfbRun()) {
    std::fprintf(stderr, "\n*** ConsoleScreenshot SKIPPED: xvfb-run is not installed (apt install xvfb xauth) ***\n\n");
    GTEST_SKIP() << "xvfb-run is not installed: the console's screenshot test needs Xvfb (apt install xvfb xauth)";
  }
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  PublishTestAlert(hub);
  std::string bin = OPSROOM_BINARY_DIR;
  Child simulator({bin + "/nodes/opsroom-node", "--id", "ME-BP", "--hub", hub.router_endpoint(), "--fanout",
                   hub.pub_endpoint(), "simulate", "--rate", "20", "--duration", "60"});
  ASSERT_TRUE(simulator.running());
  std::this_thread::sleep_for(std::chrono::seconds(2));

  fs::path dir = fs::temp_directory_path() / ("opsroom-console-shot-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path png = dir / "console.png";
  std::string command = "timeout -k 5 90 xvfb-run -a -s '-screen 0 1600x900x24' " + bin +
                        "/console/app/opsroom-console --hub " + hub.router_endpoint() + " --fanout " +
                        hub.pub_endpoint() + " --size 1600x900 --screenshot " + png.string() + " --after 6 > " +
                        (dir / "out").string() + " 2>&1";
  int status = std::system(command.c_str());
  std::ifstream out_file(dir / "out");
  std::stringstream out;
  out << out_file.rdbuf();
  ASSERT_EQ(status, 0) << command << "\n" << out.str();

  std::ifstream json_file(png.string() + ".json");
  std::stringstream json;
  json << json_file.rdbuf();
  Viewport viewport;
  viewport.SetScreen({static_cast<float>(JsonNumber(json.str(), "x0")), static_cast<float>(JsonNumber(json.str(), "y0")),
                      static_cast<float>(JsonNumber(json.str(), "x1")), static_cast<float>(JsonNumber(json.str(), "y1"))});
  viewport.Restore({JsonNumber(json.str(), "center_x"), JsonNumber(json.str(), "center_y")},
                   JsonNumber(json.str(), "zoom"));
  EXPECT_GT(JsonNumber(json.str(), "alerts"), 10) << json.str();

  Picture picture;
  int channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &picture.width, &picture.height, &channels, 4);
  ASSERT_NE(pixels, nullptr) << png;
  picture.rgba.assign(pixels, pixels + static_cast<std::size_t>(picture.width) * picture.height * 4);
  stbi_image_free(pixels);
  EXPECT_EQ(picture.width, 1600);

  // Podgorica: Montenegro's fill (its node is live: no health tint). Markers
  // may sit right on the city, so the nearest few pixels count too.
  Rgba seen = 0;
  ScreenPoint podgorica = viewport.ToScreen(kPodgorica);
  EXPECT_TRUE(picture.HasNear(podgorica, 6, CountryFill("ME", LinkHealth::kHealthy), &seen))
      << "no Montenegro fill near Podgorica at (" << podgorica.x << ", " << podgorica.y << "); the pixel is 0x"
      << std::hex << seen << "; see " << png;
  // The test alert: the Flash colour at its position (the marker's centre).
  ScreenPoint alert = viewport.ToScreen(kTestAlertAt);
  EXPECT_TRUE(picture.HasNear(alert, 2, SeverityColor(Severity::kFlash), &seen))
      << "no Flash marker at (" << alert.x << ", " << alert.y << "); the pixel is 0x" << std::hex << seen << "; see "
      << png;
  // Negative control: the same colour is not everywhere (the sea is the sea).
  ScreenPoint sea = viewport.ToScreen(LatLon{41.0, 17.8});
  EXPECT_FALSE(picture.HasNear(sea, 2, SeverityColor(Severity::kFlash), &seen));
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace opsroom::console
