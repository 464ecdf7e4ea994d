"""The project's English translation of the OCSC managerial and functional dictionary (not an
official translation). Keys as in make_dictionary.py: "<id>.definition", "<id>.<level>.title",
"<id>.<level>.<n>". Competency names in English are DPIS's and are not here."""

EN = {
    # ---- 201 leadership -------------------------------------------------------------------
    "leadership.definition": (
        "The ability or intention to take on the role of leader of a group: setting the direction, goals "
        "and ways of working so that the team works smoothly, to its full effectiveness, and achieves the "
        "agency's objectives."),
    "leadership.1.title": "Runs meetings well and keeps people informed throughout",
    "leadership.1.1": (
        "Runs meetings according to the rules, agenda, objectives and time, and assigns work to the "
        "members of the group"),
    "leadership.1.2": (
        "Keeps those affected by a decision informed, even when not required to do so"),
    "leadership.1.3": "Explains the reasons for decisions to those concerned",
    "leadership.2.title": "Leads the group's work and uses authority fairly",
    "leadership.2.1": "Promotes and acts so that the group performs its duties to its full effectiveness",
    "leadership.2.2": (
        "Sets clear goals and direction, organises the work and matches people to tasks, or sets ways of "
        "working that help the group work better"),
    "leadership.2.3": "Listens to the opinions of others",
    "leadership.2.4": "Builds morale at work",
    "leadership.2.5": "Treats team members fairly",
    "leadership.3.title": "Looks after and helps the team",
    "leadership.3.1": "Advises and helps the team",
    "leadership.3.2": "Protects the team and the agency's reputation",
    "leadership.3.3": "Obtains the staff, resources or important information the team needs",
    "leadership.4.title": "Conducts himself or herself as befits a leader",
    "leadership.4.1": "Sets the group's norms of conduct and keeps within them",
    "leadership.4.2": "Sets a good example",
    "leadership.4.3": "Follows the principles of good governance in managing subordinates",
    "leadership.5.title": "Leads the team towards the organisation's long-term mission",
    "leadership.5.1": (
        "Can unite people and inspire the team with the confidence to carry its missions through to "
        "success"),
    "leadership.5.2": (
        "Foresees future change and has the vision to devise strategies to meet it"),
    # ---- 202 visioning --------------------------------------------------------------------
    "visioning.definition": (
        "The ability to set a clear direction, mission and goals for the work, and the ability to build "
        "concerted effort so that the mission achieves its objectives."),
    "visioning.1.title": "Knows and understands the organisation's vision",
    "visioning.1.1": (
        "Knows, understands and can explain to others how the work in hand relates to or serves the "
        "agency's vision"),
    "visioning.2.title": "Helps others know and understand the organisation's vision",
    "visioning.2.1": (
        "Can explain to others the vision and work goals of the unit within the agency as a whole"),
    "visioning.2.2": "Exchanges information and listens to others' opinions in setting the vision",
    "visioning.3.title": "Motivates others to follow the vision willingly",
    "visioning.3.1": (
        "Persuades team members to carry out their official duties willingly and enthusiastically in "
        "service of the vision"),
    "visioning.3.2": (
        "Advises team members on ways of working that put the organisation's vision and goals first"),
    "visioning.4.title": "Sets policy in line with the agency's vision",
    "visioning.4.1": "Initiates and sets new policies to carry the vision through to success",
    "visioning.5.title": "Sets the agency's vision in line with the national vision",
    "visioning.5.1": (
        "Sets the agency's vision, goals and direction so as to achieve a vision that is in line with the "
        "national vision"),
    "visioning.5.2": "Foresees how internal and external change will affect the country",
    # ---- 203 strategic orientation --------------------------------------------------------
    "strategic_orientation.definition": (
        "Understanding the government's vision and policies and being able to apply them in setting the "
        "agency's strategy."),
    "strategic_orientation.1.title": (
        "Knows and understands government policy and missions and how they relate to the unit's duties"),
    "strategic_orientation.1.1": (
        "Understands how the policies, missions and strategies of the government and the agency relate "
        "and connect to the missions of the unit in his or her charge"),
    "strategic_orientation.1.2": "Can analyse the unit's problems, obstacles or opportunities",
    "strategic_orientation.2.title": "Applies experience in setting strategy",
    "strategic_orientation.2.1": (
        "Applies experience in setting the strategy of the unit in his or her charge in line with "
        "government strategy"),
    "strategic_orientation.2.2": (
        "Uses knowledge of the civil service system to adapt strategy to changing circumstances"),
    "strategic_orientation.3.title": "Uses theories or complex concepts in setting strategy",
    "strategic_orientation.3.1": (
        "Applies theories or complex concepts in devising and developing the goals or strategies of the "
        "unit in his or her charge"),
    "strategic_orientation.3.2": (
        "Applies proven practice (best practice) or research findings in setting the strategic plans of "
        "the unit in his or her charge"),
    "strategic_orientation.4.title": "Sets strategies that fit the situations that arise",
    "strategic_orientation.4.1": (
        "Assesses and synthesises economic, social and political situations, issues or problems, domestic "
        "or global, seeing the whole picture, to set the strategy of the government or the agency"),
    "strategic_orientation.4.2": (
        "Foresees future situations and sets strategies that fit the situations that will arise, to "
        "fulfil the agency's mission"),
    "strategic_orientation.5.title": "Integrates new knowledge in setting government strategy",
    "strategic_orientation.5.1": (
        "Initiates, creates and integrates new knowledge in setting government strategy, considering the "
        "context as a whole"),
    "strategic_orientation.5.2": "Continually adjusts the direction of national development strategy",
    # ---- 204 change leadership ------------------------------------------------------------
    "change_leadership.definition": (
        "The ability to stimulate or drive the unit towards beneficial change, including communicating so "
        "that others know and understand it, and making the change actually happen."),
    "change_leadership.1.title": "Sees the need for change",
    "change_leadership.1.1": (
        "Sees the need for change and adjusts his or her behaviour or work plans to fit it"),
    "change_leadership.1.2": (
        "Understands and accepts the need for change and learns so as to be able to adapt to it"),
    "change_leadership.2.title": "Helps others understand the change to come",
    "change_leadership.2.1": "Helps others understand why the change is needed and what it brings",
    "change_leadership.2.2": (
        "Supports efforts to change the organisation, suggesting ways and taking part in the change"),
    "change_leadership.3.title": "Stimulates and motivates others to see the importance of change",
    "change_leadership.3.1": (
        "Stimulates and motivates others to see the importance of change, to build concerted effort"),
    "change_leadership.3.2": (
        "Shows how what is done now differs in substance from what the change will bring"),
    "change_leadership.3.3": "Builds understanding among those who do not yet accept the change",
    "change_leadership.4.title": "Plans well for change in the organisation",
    "change_leadership.4.1": "Plans systematically and points out the benefits of the change",
    "change_leadership.4.2": "Prepares plans and follows the management of change regularly",
    "change_leadership.5.title": "Drives change effectively",
    "change_leadership.5.1": "Drives change so that it proceeds smoothly and succeeds",
    "change_leadership.5.2": (
        "Builds morale and confidence in driving change effectively"),
    # ---- 205 self control -----------------------------------------------------------------
    "self_control.definition": (
        "The ability to control one's emotions and behaviour in situations of possible provocation or "
        "hostility, or when working under pressure, including forbearance in continuously stressful "
        "situations."),
    "self_control.1.title": "Does not behave inappropriately",
    "self_control.1.1": "Does not behave impolitely or inappropriately in any situation",
    "self_control.2.title": "Controls his or her emotions well in each situation",
    "self_control.2.1": (
        "Is aware of his or her own emotions and controls them appropriately, for example by avoiding "
        "situations likely to escalate, changing the subject, or pausing to calm down"),
    "self_control.3.title": "Can speak or carry on working calmly, even when provoked",
    "self_control.3.1": (
        "Feels strong emotions during a conversation or at work, such as anger, disappointment or "
        "pressure, but does not show them even when provoked, and carries on working calmly"),
    "self_control.3.2": (
        "Can choose an appropriate way of expressing himself or herself so as to avoid negative "
        "consequences for himself or herself and others"),
    "self_control.4.title": "Manages stress effectively",
    "self_control.4.1": (
        "Can deal effectively with stress or with the consequences of emotional pressure"),
    "self_control.4.2": (
        "Applies his or her own methods, or plans ahead, to deal with expected stress and emotional "
        "pressure"),
    "self_control.4.3": (
        "Manages his or her emotions effectively to reduce his or her own or colleagues' stress"),
    "self_control.5.title": "Overcomes emotions through understanding",
    "self_control.5.1": (
        "Restrains strong emotions by trying to understand and address the root cause of the problem, "
        "including its context and surrounding factors"),
    "self_control.5.2": (
        "Even in very tense situations stays in control of his or her emotions and can calm others down"),
    # ---- 206 coaching and empowering others -----------------------------------------------
    "coaching_empowering_others.definition": (
        "The intention to foster others' learning or development over the long term, to the point of "
        "trusting that one can delegate responsibilities to them and give them freedom to make decisions "
        "in their official duties."),
    "coaching_empowering_others.1.title": "Coaches or advises on how to do the work",
    "coaching_empowering_others.1.1": (
        "Coaches by giving detailed advice or by demonstrating how to do the work"),
    "coaching_empowering_others.1.2": (
        "Points to sources of information or other resources for improving performance"),
    "coaching_empowering_others.2.title": "Sets out to develop subordinates' potential",
    "coaching_empowering_others.2.1": (
        "Can advise and guide on ways to develop, build on strengths and reduce weaknesses"),
    "coaching_empowering_others.2.2": (
        "Gives subordinates the opportunity to show their potential, to build confidence in their work"),
    "coaching_empowering_others.3.title": (
        "Plans opportunities for subordinates to show what they can do at work"),
    "coaching_empowering_others.3.1": "Plans the short- and long-term development of subordinates",
    "coaching_empowering_others.3.2": (
        "Assigns suitable work and gives subordinates regular opportunities for training or development, "
        "to support their learning"),
    "coaching_empowering_others.3.3": (
        "Delegates decision-making responsibility to subordinates on some matters, so that they can "
        "initiate new things or manage on their own"),
    "coaching_empowering_others.4.title": (
        "Can help solve problems that hinder the development of subordinates' potential"),
    "coaching_empowering_others.4.1": (
        "Can change entrenched attitudes that hinder the development of subordinates' potential"),
    "coaching_empowering_others.4.2": (
        "Can understand the causes of each person's behaviour and use them in developing subordinates' "
        "potential"),
    "coaching_empowering_others.5.title": (
        "Gives the agency a system of coaching and delegation of responsibility"),
    "coaching_empowering_others.5.1": (
        "Creates and supports systematic coaching and delegation of responsibility in the agency"),
    "coaching_empowering_others.5.2": "Creates and supports a culture of continuous learning in the agency",
    # ---- 301 analytical thinking ----------------------------------------------------------
    "analytical_thinking.definition": (
        "Understanding and analysing situations, problems and ideas by breaking them into parts or steps, "
        "including classifying systematically, comparing different aspects, and being able to order "
        "importance, time, cause and effect, and the background of each case."),
    "analytical_thinking.1.title": "Breaks problems or work into parts",
    "analytical_thinking.1.1": "Can break a problem into a simple list, without ordering by importance",
    "analytical_thinking.1.2": "Can plan work by breaking a problem into parts or activities",
    "analytical_thinking.2.title": "Understands the basic relationships of a problem or task",
    "analytical_thinking.2.1": "Can identify causes and effects in each situation",
    "analytical_thinking.2.2": "Can identify the pros and cons of each issue",
    "analytical_thinking.2.3": (
        "Can plan work by ordering tasks or activities by importance or urgency"),
    "analytical_thinking.3.title": "Understands the complex relationships of a problem or task",
    "analytical_thinking.3.1": "Links the complex causes and factors of each situation or event",
    "analytical_thinking.3.2": (
        "Plans work effectively by setting the activities and steps of operations involving several "
        "parties, and can foresee problems or obstacles that may arise"),
    "analytical_thinking.4.title": "Can analyse or plan complex work",
    "analytical_thinking.4.1": (
        "Understands a problem well enough to separate its complex, interlinked causes in detail, and can "
        "analyse how the problem relates to a particular situation"),
    "analytical_thinking.4.2": (
        "Plans complex work by setting the activities and steps of operations involving several units or "
        "parties, including foreseeing problems and obstacles and setting preventive and corrective "
        "measures in advance"),
    "analytical_thinking.5.title": (
        "Uses various techniques and models to set work plans or procedures, to prepare options for "
        "preventing or solving the problems that arise"),
    "analytical_thinking.5.1": (
        "Uses suitable analytical techniques to break complex problems into parts"),
    "analytical_thinking.5.2": (
        "Uses a variety of analytical techniques to find options for solving a problem, including weighing "
        "the pros and cons of each option"),
    "analytical_thinking.5.3": (
        "Plans complex work by setting the activities and steps of operations involving several units or "
        "parties, foreseeing problems and obstacles and ways to prevent and correct them, and proposing "
        "options with their pros and cons"),
    # ---- 302 conceptual thinking ----------------------------------------------------------
    "conceptual_thinking.definition": (
        "Synthetic thinking that sees the whole picture, by grasping the key points, summarising patterns, "
        "and linking or applying approaches from various situations, data or viewpoints until a new "
        "framework or concept is reached."),
    "conceptual_thinking.1.title": "Uses basic general rules",
    "conceptual_thinking.1.1": (
        "Uses basic rules, criteria or common sense to identify or solve problems at work"),
    "conceptual_thinking.2.title": "Applies experience",
    "conceptual_thinking.2.1": "Can identify links, trends and gaps in data",
    "conceptual_thinking.2.2": "Can apply experience to identify or solve problems at work",
    "conceptual_thinking.3.title": "Applies theories or complex concepts",
    "conceptual_thinking.3.1": (
        "Applies theories, complex concepts or past trends to identify or solve problems as the situation "
        "requires, even where the concept applied may show no evident connection with the situation"),
    "conceptual_thinking.4.title": "Explains complicated data or situations so that they are easy to understand",
    "conceptual_thinking.4.1": "Can explain complex ideas or situations simply and understandably",
    "conceptual_thinking.4.2": (
        "Can synthesise data and summarise complex concepts, theories and knowledge so that they are easy "
        "to understand and useful to the work"),
    "conceptual_thinking.5.title": "Initiates and creates new knowledge",
    "conceptual_thinking.5.1": (
        "Initiates, creates and invents, and can present new models, methods or knowledge that may never "
        "have appeared before"),
    # ---- 303 caring others ----------------------------------------------------------------
    "caring_others.definition": (
        "The care and intention to promote, improve and develop others' potential or well-being, "
        "intellectual, physical and mental, and good attitudes, sustainably and beyond the scope of one's "
        "duties."),
    "caring_others.1.title": "Cares about and gives importance to promoting and developing others",
    "caring_others.1.1": (
        "Supports others in developing their potential or their intellectual, physical and mental "
        "well-being"),
    "caring_others.1.2": "Shows confidence that others have the potential to improve themselves",
    "caring_others.2.title": (
        "Teaches or advises to develop others' potential, their intellectual, physical and mental "
        "well-being, or good attitudes"),
    "caring_others.2.1": (
        "Demonstrates or advises on conduct that develops potential, well-being or good attitudes "
        "sustainably"),
    "caring_others.2.2": (
        "Is committed to supporting others by pointing to the information or resources their development "
        "needs"),
    "caring_others.3.title": (
        "Takes care to give reasons with advice, or contributes to others' development"),
    "caring_others.3.1": (
        "Gives guidance with the reasons for it, so that others are confident they can develop their "
        "potential, well-being or good attitudes sustainably"),
    "caring_others.3.2": (
        "Encourages exchanges of learning or experience, so that others can pass on and learn ways of "
        "developing potential or building well-being or good attitudes sustainably"),
    "caring_others.3.3": (
        "Supports with equipment, tools or practical methods, so that others are confident they can "
        "develop their potential, well-being or good attitudes sustainably and to the highest effect"),
    "caring_others.4.title": "Follows up and gives feedback to promote continuous development",
    "caring_others.4.1": (
        "Follows others' development and gives feedback that promotes continuous development"),
    "caring_others.4.2": (
        "Gives advice suited to each person's particular character, to develop his or her potential, "
        "well-being or good attitudes"),
    "caring_others.5.title": "Focuses development on the root of the problem or the real need",
    "caring_others.5.1": (
        "Tries to understand others' real problems or needs, so as to set ways of developing their "
        "potential, well-being or good attitudes sustainably"),
    "caring_others.5.2": (
        "Researches and creates new ways of developing potential, well-being or good attitudes that meet "
        "others' real problems or needs"),
    # ---- 304 holding people accountable ---------------------------------------------------
    "holding_people_accountable.definition": (
        "Overseeing others so that they comply with standards, rules, regulations and bylaws, by legal "
        "authority or the authority of one's position. This oversight ranges from giving ordinary "
        "instructions to using legal powers against those who violate them."),
    "holding_people_accountable.1.title": (
        "Orders things done according to standards, rules, regulations and bylaws"),
    "holding_people_accountable.1.1": (
        "Orders things done according to standards, rules, regulations and bylaws"),
    "holding_people_accountable.1.2": (
        "Can delegate some details of the work to others, so as to do more of the work of his or her own "
        "position"),
    "holding_people_accountable.2.title": "Sets limits on what may be done",
    "holding_people_accountable.2.1": (
        "Refuses others' requests that are unreasonable or not in line with standards, rules, regulations "
        "and bylaws"),
    "holding_people_accountable.2.2": "Sets standards of behaviour or of how official duties are done",
    "holding_people_accountable.2.3": "Sets conditions so that others comply with the law or regulations",
    "holding_people_accountable.3.title": "Orders standards adjusted or performance improved",
    "holding_people_accountable.3.1": "Sets different or higher standards of performance",
    "holding_people_accountable.3.2": (
        "Orders performance improved to meet standards, rules, regulations and bylaws"),
    "holding_people_accountable.4.title": (
        "Monitors and controls compliance with standards, rules, regulations and bylaws"),
    "holding_people_accountable.4.1": (
        "Monitors, controls and inspects the units under his or her oversight for compliance with "
        "standards, rules, regulations and bylaws"),
    "holding_people_accountable.4.2": (
        "Warns clearly in advance of the consequences of not complying with standards, rules, regulations "
        "and bylaws"),
    "holding_people_accountable.5.title": (
        "Acts where practice falls short of standards or breaks laws, rules, regulations or bylaws"),
    "holding_people_accountable.5.1": (
        "Confronts people openly and directly where there are problems, or where practice falls short of "
        "standards or breaks laws, rules, regulations or bylaws"),
    "holding_people_accountable.5.2": (
        "Enforces the law strictly where practice falls short of standards or breaks laws, rules, "
        "regulations or bylaws"),
    # ---- 305 information seeking ----------------------------------------------------------
    "information_seeking.definition": (
        "A deep curiosity to seek information about situations, background, history, problems or other "
        "matters that are relevant or would be useful to the work."),
    "information_seeking.1.title": "Looks for basic information",
    "information_seeking.1.1": "Uses the information at hand or looks in existing sources",
    "information_seeking.1.2": "Asks those directly concerned for information",
    "information_seeking.2.title": "Investigates to find information",
    "information_seeking.2.1": "Investigates for information by more than asking basic questions",
    "information_seeking.2.2": "Investigates for information from those closest to the event or matter",
    "information_seeking.3.title": "Seeks in-depth information",
    "information_seeking.3.1": (
        "Keeps asking probing questions on the relevant points until the origins of the situation, event "
        "or problem are found, or an opportunity useful to further work is discovered"),
    "information_seeking.3.2": (
        "Seeks further information from other knowledgeable people not directly responsible for the "
        "matter"),
    "information_seeking.4.title": "Searches for information systematically",
    "information_seeking.4.1": "Plans the collection of information systematically, within a set time",
    "information_seeking.4.2": "Searches for information in sources beyond the usual ones",
    "information_seeking.4.3": (
        "Does research, or has others collect information from newspapers, magazines, searches using "
        "information technology and other sources, for research"),
    "information_seeking.5.title": "Sets up a search system to obtain information continuously",
    "information_seeking.5.1": (
        "Sets up a search system, including having others search for information, so as to obtain "
        "up-to-date information continuously"),
    # ---- 306 cultural sensitivity ---------------------------------------------------------
    "cultural_sensitivity.definition": (
        "Awareness of cultural differences, and the ability to apply that understanding to build "
        "relationships with one another."),
    "cultural_sensitivity.1.title": "Values Thai culture and takes an interest in others' cultures",
    "cultural_sensitivity.1.1": (
        "Is proud of Thai culture while valuing and taking an interest in learning others' cultures"),
    "cultural_sensitivity.1.2": (
        "Accepts cultural differences and does not look down on other cultures as inferior"),
    "cultural_sensitivity.1.3": "Adjusts his or her behaviour to a changed cultural context",
    "cultural_sensitivity.2.title": "Understands and adapts to a new culture",
    "cultural_sensitivity.2.1": (
        "Understands the manners, sense of occasion and customs of a different culture and tries to adapt "
        "to them"),
    "cultural_sensitivity.2.2": (
        "Communicates with methods, content and wording suited to others' cultures"),
    "cultural_sensitivity.3.title": (
        "Understands other cultures in depth and acts appropriately to the situation"),
    "cultural_sensitivity.3.1": "Understands the context and significance of other cultures",
    "cultural_sensitivity.3.2": (
        "Understands the different cultural foundations that explain how others think"),
    "cultural_sensitivity.3.3": (
        "Does not judge others by cultural differences but tries to understand them, so as to be able to "
        "work together"),
    "cultural_sensitivity.4.title": "Builds acceptance of cultural differences",
    "cultural_sensitivity.4.1": "Builds acceptance among people of different cultures, for good relations",
    "cultural_sensitivity.4.2": (
        "Initiates and supports working together to build relationships between countries or between "
        "different cultures"),
    "cultural_sensitivity.5.title": (
        "Adjusts his or her stance and ways of working to the cultural context"),
    "cultural_sensitivity.5.1": (
        "Seeks to settle disputes between different cultures by coordinating and compromising with a deep "
        "understanding of each culture"),
    "cultural_sensitivity.5.2": (
        "Adjusts strategy and stance to suit different cultures, to reconcile the interests of countries or "
        "of different cultures"),
    # ---- 307 interpersonal understanding --------------------------------------------------
    "interpersonal_understanding.definition": (
        "The ability to listen to and understand the explicit and implicit meaning, the thoughts and the "
        "emotional state of the people one deals with."),
    "interpersonal_understanding.1.title": "Understands what others mean to communicate",
    "interpersonal_understanding.1.1": (
        "Understands what others mean to communicate and can grasp the point and summarise the content "
        "correctly"),
    "interpersonal_understanding.2.title": "Understands feelings and words",
    "interpersonal_understanding.2.1": (
        "Understands both the meaning and its emotional overtones, by observing the facial expression, "
        "gestures or tone of voice of the people one deals with"),
    "interpersonal_understanding.3.title": (
        "Understands the implicit meaning of manner, gestures, words or tone of voice"),
    "interpersonal_understanding.3.1": (
        "Understands meanings not clearly expressed in manner, gestures, words or tone of voice"),
    "interpersonal_understanding.3.2": (
        "Understands others' thoughts, worries or feelings, even when they show them only a little"),
    "interpersonal_understanding.3.3": (
        "Can identify a trait or strength of the people one deals with"),
    "interpersonal_understanding.4.title": (
        "Understands both what is said and the implicit meaning when communicating with others"),
    "interpersonal_understanding.4.1": "Understands what others' behaviour, emotions and feelings imply",
    "interpersonal_understanding.4.2": (
        "Uses that understanding to make friends, get acquainted or coordinate with others"),
    "interpersonal_understanding.5.title": "Understands the causes of others' behaviour",
    "interpersonal_understanding.5.1": (
        "Understands the causes of others' behaviour or problems, and the long-term motives behind it"),
    "interpersonal_understanding.5.2": (
        "Understands others' behaviour well enough to state their weaknesses, strengths and character "
        "correctly"),
    # ---- 308 organizational awareness -----------------------------------------------------
    "organizational_awareness.definition": (
        "The ability to understand the legal and the informal power relationships in one's own and related "
        "organisations, so as to carry out one's duties and achieve their goals, and the ability to foresee "
        "how government policy, political, economic, social and technological trends and coming events will "
        "affect the organisation."),
    "organizational_awareness.1.title": "Understands the organisation's structure",
    "organizational_awareness.1.1": (
        "Understands the organisation's structure, chain of command, rules, regulations, policies and "
        "procedures, so as to carry out official duties correctly"),
    "organizational_awareness.2.title": "Understands informal power relationships",
    "organizational_awareness.2.1": (
        "Understands the informal relationships between people in the organisation, knows who makes "
        "decisions or influences them at each level, and uses this understanding with the organisation's "
        "results foremost"),
    "organizational_awareness.3.title": "Understands the organisation's culture",
    "organizational_awareness.3.1": (
        "Understands the customs, values and culture of each organisation concerned, and how to communicate "
        "effectively, so as to carry out official duties"),
    "organizational_awareness.3.2": (
        "Understands the organisation's limits: knows what can and cannot be done or achieved"),
    "organizational_awareness.4.title": (
        "Understands the relationships between the key players in the organisation"),
    "organizational_awareness.4.1": (
        "Is aware of the power relationships between the key players in the organisation, so as to push "
        "the missions in his or her charge to effective results"),
    "organizational_awareness.5.title": "Understands the underlying causes of organisational behaviour",
    "organizational_awareness.5.1": (
        "Understands the underlying causes of organisational behaviour in his or her own unit and in the "
        "public sector as a whole, and the problems and opportunities there are, and uses this "
        "understanding to drive the work in his or her charge systematically"),
    "organizational_awareness.5.2": (
        "Understands domestic and international political, economic and social issues that affect "
        "government policy and the organisation's missions, so as to turn crises into opportunities and "
        "set positions and stances that suit the missions of the post, with the national interest foremost"),
    # ---- 309 proactiveness ----------------------------------------------------------------
    "proactiveness.definition": (
        "Foreseeing problems or opportunities and dealing with problems proactively, possibly without "
        "anyone asking and without giving up, or using opportunities to benefit the work, and also "
        "initiating new ideas about the work, to solve or prevent problems or create opportunities."),
    "proactiveness.1.title": "Sees short-term problems or opportunities and acts",
    "proactiveness.1.1": "Foresees problems and obstacles and finds solutions without delay",
    "proactiveness.1.2": "Foresees opportunities and does not hesitate to use them in the work",
    "proactiveness.2.title": "Deals with immediate problems or crises",
    "proactiveness.2.1": (
        "Acts at once when an immediate problem or a crisis arises, possibly without anyone asking, and "
        "without giving up"),
    "proactiveness.2.2": (
        "Solves problems urgently while most people would analyse the situation and wait for the problem to "
        "resolve itself"),
    "proactiveness.3.title": (
        "Prepares in advance to create opportunities or avoid short-term problems"),
    "proactiveness.3.1": (
        "Foresees and prepares in advance to create opportunities or avoid problems that may arise in the "
        "short term"),
    "proactiveness.3.2": (
        "Tries out novel methods to solve problems or create something new in the civil service"),
    "proactiveness.4.title": (
        "Prepares in advance to create opportunities or avoid problems that may arise in the medium term"),
    "proactiveness.4.1": (
        "Foresees and prepares in advance to create opportunities or avoid problems that may arise in the "
        "medium term"),
    "proactiveness.4.2": (
        "Thinks outside the box to find novel, creative ways to solve problems expected in the future"),
    "proactiveness.5.title": (
        "Prepares in advance to create opportunities or avoid problems that may arise in the long term"),
    "proactiveness.5.1": (
        "Foresees and prepares in advance to create opportunities or avoid problems that may arise in the "
        "future"),
    "proactiveness.5.2": (
        "Creates a climate of initiative in the unit and encourages colleagues to propose new ideas for the "
        "work, to solve problems or create opportunities in the long term"),
    # ---- 310 concern for order ------------------------------------------------------------
    "concern_for_order.definition": (
        "Care to do the work correctly and completely, with a focus on clear roles and duties and on "
        "reducing the errors the surroundings may cause, by following up and checking work or data, and "
        "developing checking systems for the correctness of work processes."),
    "concern_for_order.1.title": "Wants correctness and clarity in the work and keeps to the rules",
    "concern_for_order.1.1": "Wants data and roles at work to be correct and clear",
    "concern_for_order.1.2": "Keeps the working environment orderly",
    "concern_for_order.1.3": "Follows the set rules, regulations and procedures strictly",
    "concern_for_order.2.title": "Checks the correctness of the work in his or her charge",
    "concern_for_order.2.1": "Checks the work of his or her duties and responsibilities in detail, for correctness",
    "concern_for_order.3.title": (
        "Looks after the correctness of both his or her own work and that of others in his or her charge"),
    "concern_for_order.3.1": "Checks the correctness of the work of his or her own duties",
    "concern_for_order.3.2": (
        "Checks the correctness of others' work, within the powers set by the relevant laws, rules, "
        "regulations and bylaws"),
    "concern_for_order.3.3": (
        "Checks that his or her own and others' work follows the steps and processes, within his or her "
        "powers"),
    "concern_for_order.3.4": (
        "Records the details of his or her own and others' work activities, for correctness"),
    "concern_for_order.4.title": "Checks the correctness and quality of data or projects",
    "concern_for_order.4.1": "Checks the details of a project's progress against the schedule",
    "concern_for_order.4.2": "Checks the correctness, completeness and quality of data",
    "concern_for_order.4.3": (
        "Can identify defects or missing data and complete them, for the correctness of the work"),
    "concern_for_order.5.title": "Develops systems for checking the correctness of work processes",
    "concern_for_order.5.1": (
        "Develops checking systems for the correctness of procedures and better quality of data"),
    # ---- 311 self confidence --------------------------------------------------------------
    "self_confidence.definition": (
        "Confidence in one's own ability, potential and decisions to get the work done, choose effective "
        "ways of working, or solve problems successfully."),
    "self_confidence.1.title": "Works within his or her authority without supervision",
    "self_confidence.1.1": "Can work without close supervision",
    "self_confidence.1.2": "Decides on his or her own on matters within his or her authority",
    "self_confidence.2.title": "Carries out his or her duties with confidence",
    "self_confidence.2.1": (
        "Dares to decide matters of his or her duties he or she believes right, even if some disagree"),
    "self_confidence.2.2": "Acts with confidence in his or her duties even in uncertain situations",
    "self_confidence.3.title": "Is confident in his or her own ability",
    "self_confidence.3.1": (
        "Believes in his or her own knowledge, ability and potential to carry out the duties successfully"),
    "self_confidence.3.2": "Shows confidence openly in his or her decisions or abilities",
    "self_confidence.4.title": "Is confident in challenging work",
    "self_confidence.4.1": "Likes work that challenges his or her abilities",
    "self_confidence.4.2": (
        "Gives his or her own opinion when disagreeing with superiors or those in authority, or in "
        "situations of conflict"),
    "self_confidence.5.title": (
        "Is willing to take on very challenging work and dares to state his or her position"),
    "self_confidence.5.1": "Is willing to volunteer for challenging or high-risk work",
    "self_confidence.5.2": "Dares to stand up to superiors or those in authority",
    "self_confidence.5.3": "Dares to state his or her position frankly on matters of substance",
    # ---- 312 flexibility ------------------------------------------------------------------
    "flexibility.definition": (
        "The ability to adapt and work effectively in varied situations and with varied groups of people, "
        "including accepting differing opinions and changing one's methods when the situation changes."),
    "flexibility.1.title": "Is adaptable in his or her work",
    "flexibility.1.1": "Adapts to difficult working conditions or conditions that hinder the work",
    "flexibility.2.title": "Accepts the need to change",
    "flexibility.2.1": "Accepts and understands others' opinions",
    "flexibility.2.2": "Is willing to change his or her ideas or attitudes on receiving new information",
    "flexibility.3.title": "Uses judgement in applying rules",
    "flexibility.3.1": (
        "Uses judgement in applying rules to suit the situation, for the success of the work and the "
        "unit's objectives"),
    "flexibility.4.title": "Changes the way the work is done",
    "flexibility.4.1": (
        "Changes the way of working to suit the situation or the person while keeping the original goal"),
    "flexibility.4.2": "Adjusts work procedures to make the unit more effective",
    "flexibility.5.title": "Changes strategic plans",
    "flexibility.5.1": "Adjusts plans, goals or projects to suit the situation at hand",
    "flexibility.5.2": (
        "Changes structures or work processes temporarily to deal with the situation at hand"),
    # ---- 313 communication and influencing ------------------------------------------------
    "communication_influencing.definition": (
        "The ability to communicate in writing and speech, using various media, so that others understand, "
        "accept and support one's ideas."),
    "communication_influencing.1.title": "Presents information or opinions directly",
    "communication_influencing.1.1": (
        "Presents information or opinions directly, not yet adapting the presentation to the interests and "
        "level of the audience"),
    "communication_influencing.2.title": "Makes a first effort to persuade",
    "communication_influencing.2.1": (
        "Presents carefully prepared information, opinions, points or examples so that others understand, "
        "accept and support his or her ideas"),
    "communication_influencing.3.title": "Adapts the presentation to persuade",
    "communication_influencing.3.1": "Adapts the presentation to the interests and level of the audience",
    "communication_influencing.3.2": (
        "Anticipates the effect of the presentation and is mindful of his or her own image"),
    "communication_influencing.4.title": "Uses the art of persuasion",
    "communication_influencing.4.1": "Plans a presentation expecting to persuade others to agree",
    "communication_influencing.4.2": (
        "Adapts each step of communicating, presenting and persuading to each audience group or person"),
    "communication_influencing.4.3": (
        "Anticipates and is ready to deal with every kind of reaction the audience may have"),
    "communication_influencing.5.title": "Uses complex strategies to persuade",
    "communication_influencing.5.1": (
        "Seeks supporters as allies in pushing ideas, plans and projects to success"),
    "communication_influencing.5.2": "Uses knowledge of mass psychology to communicate persuasively",
    # ---- 314 aesthetic quality ------------------------------------------------------------
    "aesthetic_quality.definition": (
        "Appreciating the beauty and value of works of art that are the nation's identity and heritage, as "
        "well as other art, and applying it in creating one's own works of art."),
    "aesthetic_quality.1.title": "Appreciates art",
    "aesthetic_quality.1.1": (
        "Values the nation's art and other art, showing love for art and a wish to protect it"),
    "aesthetic_quality.1.2": (
        "Takes an interest in taking part in learning about, following or creating art of various kinds"),
    "aesthetic_quality.1.3": "Practises regularly to build skill in his or her own art",
    "aesthetic_quality.2.title": "Understands the various forms of art",
    "aesthetic_quality.2.1": (
        "Distinguishes the various forms of art and can explain their value to others"),
    "aesthetic_quality.2.2": (
        "Understands the forms and distinctive features of the various kinds of art and can use them in "
        "his or her own art"),
    "aesthetic_quality.2.3": "Can convey artistic value so as to foster conservation widely",
    "aesthetic_quality.3.title": "Applies it in creating art",
    "aesthetic_quality.3.1": (
        "Draws on the influence of art of various periods as inspiration for his or her own art"),
    "aesthetic_quality.3.2": (
        "Applies his or her knowledge and experience of art in creating his or her own art"),
    "aesthetic_quality.4.title": "Can inspire himself or herself and others",
    "aesthetic_quality.4.1": (
        "Applies the value and distinctive features of the art of various periods in creating works, and "
        "inspires others to care for the conservation of art"),
    "aesthetic_quality.4.2": "Combines several branches of art to create distinctive works",
    "aesthetic_quality.5.title": "Creates art with a distinctive identity of his or her own",
    "aesthetic_quality.5.1": (
        "Creates recognised art with a distinctive identity of his or her own, whether new work or the "
        "conservation of traditional art"),
    # ---- 315 organizational commitment ----------------------------------------------------
    "organizational_commitment.definition": (
        "The awareness or intention to behave in line with the needs and goals of the agency, putting the "
        "agency's interest before one's own."),
    "organizational_commitment.1.title": "Conducts himself or herself as part of the agency",
    "organizational_commitment.1.1": "Respects and follows the agency's conventions and customs",
    "organizational_commitment.2.title": "Shows loyalty to the agency",
    "organizational_commitment.2.1": "Shows satisfaction and pride in being part of the agency",
    "organizational_commitment.2.2": "Contributes to the agency's image and reputation",
    "organizational_commitment.3.title": "Takes part in pushing the agency's mission forward",
    "organizational_commitment.3.1": "Takes part in supporting the agency's mission until its goals are met",
    "organizational_commitment.3.2": (
        "Orders work by urgency or importance so that the agency's mission meets its goals"),
    "organizational_commitment.4.title": "Puts the agency's interest first",
    "organizational_commitment.4.1": (
        "Puts the interest of the agency or unit first, before that of individuals or his or her own needs"),
    "organizational_commitment.4.2": (
        "Stands firm on decisions that benefit the agency, even if some oppose or disagree with them"),
    "organizational_commitment.5.title": "Makes sacrifices for the agency's interest",
    "organizational_commitment.5.1": (
        "Sacrifices the short-term interest of the unit in his or her charge for the long-term interest of "
        "the agency as a whole"),
    "organizational_commitment.5.2": (
        "Sacrifices, or persuades others to sacrifice, personal interest for the agency's interest"),
    # ---- 316 relationship building --------------------------------------------------------
    "relationship_building.definition": (
        "Building or maintaining friendly relationships, for good relations between those involved in the "
        "work."),
    "relationship_building.1.title": "Builds or maintains contact with those involved in the work",
    "relationship_building.1.1": (
        "Builds or maintains contact with those involved in the work, for the benefit of the work"),
    "relationship_building.2.title": (
        "Builds or maintains close, good relationships with those involved in the work"),
    "relationship_building.2.1": (
        "Builds or maintains close, good relationships with those involved in the work"),
    "relationship_building.2.2": "Builds friendships with colleagues, service users or others",
    "relationship_building.3.title": "Builds or maintains social contacts",
    "relationship_building.3.1": (
        "Initiates activities for social contact with those involved in the work"),
    "relationship_building.3.2": "Takes part in wider social activities for the benefit of the work",
    "relationship_building.4.title": "Builds or maintains friendly relationships",
    "relationship_building.4.1": "Builds or maintains friendships of a more personal nature",
    "relationship_building.5.title": "Maintains friendly relationships over the long term",
    "relationship_building.5.1": (
        "Keeps up friendly relationships even when there is no longer contact at work, as there may be "
        "opportunities for contact at work again in the future"),
}
