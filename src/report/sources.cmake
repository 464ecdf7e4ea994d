# Report layer sources, relative to src/.
list(APPEND SAMATTHANA_SOURCES report/sheet.cpp report/html.cpp report/markdown.cpp)
