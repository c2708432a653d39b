"""The output layer: transactional file sets (``files``), the build, the HTML report and exports."""
