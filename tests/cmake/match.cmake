# Matching engine (opsroom::match): names, identifiers, the candidate index, the corpus.
opsroom_add_test(match_tests
  SOURCES unit/match_names_test.cc unit/match_identifiers_test.cc unit/match_subject_test.cc
          unit/match_index_test.cc
  LIBS opsroom::match)
