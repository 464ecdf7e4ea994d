# Command-line tool sources: main.cpp plus one file per subcommand, each registering itself.
file(GLOB SAMATTHANA_CLI_SOURCES RELATIVE ${CMAKE_CURRENT_LIST_DIR} CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
