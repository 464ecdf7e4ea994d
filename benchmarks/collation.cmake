# Collation: Collator::compare against the comparison it replaced (ICU's compare after UTF-8
# validation) and against sorting by keys.
find_package(ICU REQUIRED COMPONENTS uc i18n)
add_executable(bench_collation ${CMAKE_CURRENT_LIST_DIR}/bench_collation.cpp)
target_link_libraries(bench_collation PRIVATE samatthana::samatthana samatthana_warnings ICU::uc ICU::i18n)
add_executable(bench_normalize ${CMAKE_CURRENT_LIST_DIR}/bench_normalize.cpp)
target_link_libraries(bench_normalize PRIVATE samatthana::samatthana samatthana_warnings)
