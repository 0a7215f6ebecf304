# Matching engine (opsroom::match): names, identifiers, subjects, the candidate index,
# the labelled corpus (tests/data/match_corpus.tsv) and the opsroom-match tool.
opsroom_add_test(match_tests
  SOURCES unit/match_names_test.cc unit/match_identifiers_test.cc unit/match_subject_test.cc
          unit/match_index_test.cc unit/match_corpus_test.cc
  LIBS opsroom::match)
add_dependencies(match_tests opsroom-match)
