#include "wire/marking_label.h"

namespace opsroom::wire {

std::string GradeLabel(SourceReliability reliability, InfoCredibility credibility) {
  std::string grade;
  const char* letters = "?ABCX";
  const auto r = static_cast<unsigned>(reliability);
  grade += r <= 4 ? letters[r] : '?';
  const auto c = static_cast<unsigned>(credibility);
  grade += c >= 1 && c <= 4 ? static_cast<char>('0' + c) : '?';
  return grade;
}

const char* DistributionLabel(Distribution distribution) {
  switch (distribution) {
    case Distribution::Public: return "PUBLIC";
    case Distribution::Limited: return "LIMITED";
    case Distribution::Restricted: return "RESTRICTED";
    case Distribution::Operation: return "OPERATION";
  }
  return "UNKNOWN";
}

std::string MarkingLabel(const msg::Header& header) {
  const msg::Handling& handling = header.handling;
  std::string text =
      GradeLabel(header.reliability, header.credibility) + " \xC2\xB7 " + DistributionLabel(handling.distribution);
  if (handling.distribution == Distribution::Operation) text += " " + handling.operation_code;
  if (handling.no_evidence_use) text += " H1";
  if (handling.no_onward_dissemination) text += " H2";
  if (!handling.other_restrictions.empty()) text += " H3";
  for (std::size_t i = 0; i < handling.recipients.size(); ++i) {
    text += i == 0 ? " \xE2\x86\x92 " : ", ";
    text += handling.recipients[i];
  }
  return text;
}

}  // namespace opsroom::wire
