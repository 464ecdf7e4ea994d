# The audit layer: SHA-256, manifests of score runs, verify and diff-scores (docs/audit.md).
list(APPEND SAMATTHANA_SOURCES audit/sha256.cpp audit/manifest_json.cpp audit/verify.cpp
     audit/published.cpp audit/scores_diff.cpp)
