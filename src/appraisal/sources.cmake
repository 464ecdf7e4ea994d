list(APPEND SAMATTHANA_SOURCES appraisal/kpi.cpp appraisal/kpi_io.cpp appraisal/calibration.cpp)
