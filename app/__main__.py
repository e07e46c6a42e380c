from app.cli import main

if __name__ == "__main__":  # importing the module (tools, tests) must not start the program
    raise SystemExit(main())
