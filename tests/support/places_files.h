// Places files for the tests of --places: the committed data/places.tsv with
// one crossing point added (what an operator does to open a new crossing),
// and the same with a bad line. Header-only, like the other test supports.
#pragma once
#include <algorithm>
#include <string>

#include "tests/support/read_file.h"

namespace opsroom::testing {

// The crossing the tests add: not in data/places.tsv.
inline constexpr const char* kNewCrossing = "BCP-ME-RS-NOVI-PRELAZ";
inline constexpr double kNewCrossingLat = 43.01;
inline constexpr double kNewCrossingLon = 19.95;

inline std::string CommittedPlaces() { return ReadFileText(std::string(OPSROOM_DATA_DIR) + "/places.tsv"); }

inline std::string PlacesWithNewCrossing() {
  return CommittedPlaces() + kNewCrossing + "\tcrossing\tME-RS\tNovi prelaz / Нови прелаз\tNovi prelaz\t" +
         std::to_string(kNewCrossingLat) + "\t" + std::to_string(kNewCrossingLon) + "\n";
}

// PlacesWithNewCrossing and a line with a kind no place has: its line number is BadPlacesLine().
inline std::string PlacesWithABadLine() {
  return PlacesWithNewCrossing() + "PORT-ME-KOTOR\tharbour\tME\tKotor\tKotor\t42.42\t18.77\n";
}
inline int BadPlacesLine() {
  std::string text = PlacesWithABadLine();
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace opsroom::testing
