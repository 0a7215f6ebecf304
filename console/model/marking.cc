#include "console/model/marking.h"

#include <algorithm>

namespace opsroom::console {

const char* DistributionName(Distribution value) {
  switch (value) {
    case Distribution::Public: return "PUBLIC";
    case Distribution::Limited: return "LIMITED";
    case Distribution::Restricted: return "RESTRICTED";
    case Distribution::Operation: return "OPERATION";
  }
  return "?";
}

std::string GradeText(const Marking& marking) {
  std::string grade;
  grade += marking.reliability ? marking.reliability : '?';
  grade += marking.credibility >= 1 && marking.credibility <= 4 ? static_cast<char>('0' + marking.credibility) : '?';
  return grade;
}

std::string MarkingText(const Marking& marking) {
  std::string text = GradeText(marking) + " \xC2\xB7 " + DistributionName(marking.distribution);
  if (marking.no_evidence_use) text += " H1";
  if (marking.no_onward_dissemination) text += " H2";
  if (!marking.other_restrictions.empty()) text += " H3";
  if (!marking.operation_code.empty()) text += " " + marking.operation_code;
  if (!marking.recipients.empty()) {
    text += " \xE2\x86\x92 ";
    for (std::size_t i = 0; i < marking.recipients.size(); ++i) {
      if (i) text += ", ";
      text += marking.recipients[i];
    }
  }
  return text;
}

bool MayPassTo(const Marking& marking, std::string_view origin_country, std::string_view code, bool is_participant,
               bool partner) {
  if (!is_participant || code == "OPSROOM" || code == origin_country) return true;
  if (marking.no_onward_dissemination) return false;
  switch (marking.distribution) {
    case Distribution::Public: return true;
    case Distribution::Limited: return !partner;
    case Distribution::Restricted:
      return std::find(marking.recipients.begin(), marking.recipients.end(), code) != marking.recipients.end();
    // The roster the hub kept when it was shared is not the console's to know: only the hub decides.
    case Distribution::Operation: return false;
  }
  return false;
}

}  // namespace opsroom::console
