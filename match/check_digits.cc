// Check digits of the standards: ICAO 9303, ISO 3779 (VIN), ISO 6346 (containers).
#include "match/identifiers.h"

namespace opsroom::match {
namespace {

// ISO 3779 letter values (I, O, Q are not allowed and have none).
int VinValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  static constexpr std::string_view kLetters = "ABCDEFGH.JKLMN.P.RSTUVWXYZ";
  static constexpr int kValues[] = {1, 2, 3, 4, 5, 6, 7, 8, -1, 1, 2, 3, 4, 5, -1, 7, -1, 9, 2, 3, 4, 5, 6, 7, 8, 9};
  if (c < 'A' || c > 'Z' || kLetters[c - 'A'] == '.') return -1;
  return kValues[c - 'A'];
}

// ISO 6346: A = 10 upwards, skipping the multiples of 11 (so K = 21, L = 23, V = 34).
int ContainerValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c < 'A' || c > 'Z') return -1;
  int value = 10;
  for (char letter = 'A'; letter < c; ++letter) {
    ++value;
    if (value % 11 == 0) ++value;
  }
  return value;
}

}  // namespace

int IcaoCheckDigit(std::string_view field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    char c = field[i];
    int value;
    if (c >= '0' && c <= '9') value = c - '0';
    else if (c >= 'A' && c <= 'Z') value = c - 'A' + 10;
    else if (c == '<') value = 0;
    else return -1;
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

char VinCheckDigit(std::string_view vin) {
  static constexpr int kWeights[] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  if (vin.size() != 17) return '?';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    int value = VinValue(vin[i]);
    if (value < 0) return '?';
    sum += value * kWeights[i];
  }
  int check = sum % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

int ContainerCheckDigit(std::string_view first10) {
  if (first10.size() < 10) return -1;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int value = ContainerValue(first10[i]);
    if (value < 0) return -1;
    sum += value << i;
  }
  return sum % 11 % 10;
}

}  // namespace opsroom::match
