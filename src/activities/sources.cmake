# Development-activity catalogues (include/samatthana/activities.hpp).
list(APPEND SAMATTHANA_SOURCES activities/catalogue.cpp)
